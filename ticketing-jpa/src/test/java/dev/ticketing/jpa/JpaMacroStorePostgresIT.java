package dev.ticketing.jpa;

import dev.ticketing.spi.MacroStore;
import dev.ticketing.tck.MacroStoreContract;

/** The macro store contract on POSTGRESQL. */
class JpaMacroStorePostgresIT extends MacroStoreContract {
  @Override
  protected MacroStore createStore() {
    return DeskTestDatabases.emptyMacroStore(TestDatabase.POSTGRESQL);
  }
}
