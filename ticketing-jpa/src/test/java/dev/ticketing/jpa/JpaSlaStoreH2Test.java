package dev.ticketing.jpa;

import dev.ticketing.spi.SlaStore;
import dev.ticketing.tck.SlaStoreContract;

/** The SLA store contract on H2. */
class JpaSlaStoreH2Test extends SlaStoreContract {
  @Override
  protected SlaStore createStore() {
    return SlaTestDatabases.emptyStore(TestDatabase.H2);
  }
}
