package dev.ticketing.jpa;

import dev.ticketing.spi.MacroStore;
import dev.ticketing.tck.MacroStoreContract;

/** The macro store contract on H2. */
class JpaMacroStoreH2Test extends MacroStoreContract {
  @Override
  protected MacroStore createStore() {
    return DeskTestDatabases.emptyMacroStore(TestDatabase.H2);
  }
}
