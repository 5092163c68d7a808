package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryLinkStore;
import dev.ticketing.spi.LinkStore;

/** The in-memory link store passes the link store contract. */
class InMemoryLinkStoreContractTest extends LinkStoreContract {

  @Override
  protected LinkStore createStore() {
    return new InMemoryLinkStore();
  }
}
