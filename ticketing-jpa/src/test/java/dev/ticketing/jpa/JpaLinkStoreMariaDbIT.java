package dev.ticketing.jpa;

import dev.ticketing.spi.LinkStore;
import dev.ticketing.tck.LinkStoreContract;

/** The link store contract on MARIADB. */
class JpaLinkStoreMariaDbIT extends LinkStoreContract {
  @Override
  protected LinkStore createStore() {
    return LinkTestDatabases.emptyStore(TestDatabase.MARIADB);
  }
}
