package dev.ticketing.jpa;

import dev.ticketing.spi.LinkStore;
import dev.ticketing.tck.LinkStoreContract;

/** The link store contract on H2. */
class JpaLinkStoreH2Test extends LinkStoreContract {
  @Override
  protected LinkStore createStore() {
    return LinkTestDatabases.emptyStore(TestDatabase.H2);
  }
}
