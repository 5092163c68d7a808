package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryFieldDefinitionStore;
import dev.ticketing.spi.FieldDefinitionStore;

/** The in-memory field definition store passes the definition store contract. */
class InMemoryFieldDefinitionStoreContractTest extends FieldDefinitionStoreContract {

  @Override
  protected FieldDefinitionStore createStore() {
    return new InMemoryFieldDefinitionStore();
  }
}
