package dev.ticketing.jpa;

import dev.ticketing.spi.LinkStore;
import dev.ticketing.tck.LinkStoreContract;

/** The link store contract on POSTGRESQL. */
class JpaLinkStorePostgresIT extends LinkStoreContract {
  @Override
  protected LinkStore createStore() {
    return LinkTestDatabases.emptyStore(TestDatabase.POSTGRESQL);
  }
}
