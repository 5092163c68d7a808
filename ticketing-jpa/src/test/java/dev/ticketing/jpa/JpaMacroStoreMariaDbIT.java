package dev.ticketing.jpa;

import dev.ticketing.spi.MacroStore;
import dev.ticketing.tck.MacroStoreContract;

/** The macro store contract on MARIADB. */
class JpaMacroStoreMariaDbIT extends MacroStoreContract {
  @Override
  protected MacroStore createStore() {
    return DeskTestDatabases.emptyMacroStore(TestDatabase.MARIADB);
  }
}
