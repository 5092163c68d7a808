package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.OutboxStoreContract;

/** The outbox contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaOutboxStorePartitionedIT extends OutboxStoreContract {
  @Override
  protected TicketStore createStore() {
    return PartitionedTestDatabase.emptyTicketStore();
  }
}
