package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.OutboxStoreContract;

/** The outbox contract on POSTGRESQL. */
class JpaOutboxStorePostgresIT extends OutboxStoreContract {
  @Override
  protected TicketStore createStore() {
    TestDatabase.POSTGRESQL.truncate();
    return TestDatabase.POSTGRESQL.newStore();
  }
}
