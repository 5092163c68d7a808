package dev.ticketing.jpa;

import dev.ticketing.spi.MacroStore;
import dev.ticketing.tck.MacroStoreContract;

/** The macro store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaMacroStorePartitionedIT extends MacroStoreContract {
  @Override
  protected MacroStore createStore() {
    return PartitionedTestDatabase.emptyStore(JpaMacroStore::new, "ticketing_macro");
  }
}
