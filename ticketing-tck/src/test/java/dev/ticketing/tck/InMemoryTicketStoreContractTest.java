package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.TicketStore;

/** The in-memory store passes the store contract. */
class InMemoryTicketStoreContractTest extends TicketStoreContract {

  @Override
  protected TicketStore createStore() {
    return new InMemoryTicketStore();
  }
}
