package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.OutboxStoreContract;

/** The outbox contract on H2. */
class JpaOutboxStoreH2Test extends OutboxStoreContract {
  @Override
  protected TicketStore createStore() {
    TestDatabase.H2.truncate();
    return TestDatabase.H2.newStore();
  }
}
