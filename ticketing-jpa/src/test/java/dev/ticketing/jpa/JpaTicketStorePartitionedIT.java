package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.TicketStoreContract;

/** The store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaTicketStorePartitionedIT extends TicketStoreContract {
  @Override
  protected TicketStore createStore() {
    return PartitionedTestDatabase.emptyTicketStore();
  }
}
