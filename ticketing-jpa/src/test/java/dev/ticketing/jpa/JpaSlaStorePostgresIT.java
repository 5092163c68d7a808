package dev.ticketing.jpa;

import dev.ticketing.spi.SlaStore;
import dev.ticketing.tck.SlaStoreContract;

/** The SLA store contract on POSTGRESQL. */
class JpaSlaStorePostgresIT extends SlaStoreContract {
  @Override
  protected SlaStore createStore() {
    return SlaTestDatabases.emptyStore(TestDatabase.POSTGRESQL);
  }
}
