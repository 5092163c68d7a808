package dev.ticketing.tck;

import dev.ticketing.memory.InMemorySlaStore;
import dev.ticketing.spi.SlaStore;

/** The in-memory SLA store passes the SLA store contract. */
class InMemorySlaStoreContractTest extends SlaStoreContract {

  @Override
  protected SlaStore createStore() {
    return new InMemorySlaStore();
  }
}
