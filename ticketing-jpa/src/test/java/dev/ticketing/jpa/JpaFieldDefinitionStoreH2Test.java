package dev.ticketing.jpa;

import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.tck.FieldDefinitionStoreContract;

/** The field definition store contract on H2. */
class JpaFieldDefinitionStoreH2Test extends FieldDefinitionStoreContract {
  @Override
  protected FieldDefinitionStore createStore() {
    return FieldTestDatabases.emptyStore(TestDatabase.H2);
  }
}
