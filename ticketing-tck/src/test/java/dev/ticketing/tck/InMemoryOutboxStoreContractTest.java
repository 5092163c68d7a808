package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.TicketStore;

/** The in-memory store's outbox passes the outbox contract. */
class InMemoryOutboxStoreContractTest extends OutboxStoreContract {

  @Override
  protected TicketStore createStore() {
    return new InMemoryTicketStore();
  }
}
