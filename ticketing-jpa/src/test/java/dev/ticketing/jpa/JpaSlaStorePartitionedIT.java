package dev.ticketing.jpa;

import dev.ticketing.spi.SlaStore;
import dev.ticketing.tck.SlaStoreContract;

/** The SLA store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaSlaStorePartitionedIT extends SlaStoreContract {
  @Override
  protected SlaStore createStore() {
    return PartitionedTestDatabase.emptyStore(JpaSlaStore::new, "ticketing_sla_clock");
  }
}
