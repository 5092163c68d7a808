package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryMacroStore;
import dev.ticketing.spi.MacroStore;

/** The in-memory macro store passes the macro store contract. */
class InMemoryMacroStoreContractTest extends MacroStoreContract {

  @Override
  protected MacroStore createStore() {
    return new InMemoryMacroStore();
  }
}
