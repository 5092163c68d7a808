package dev.ticketing.jpa;

import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.tck.FieldDefinitionStoreContract;

/** The field definition store contract on POSTGRESQL. */
class JpaFieldDefinitionStorePostgresIT extends FieldDefinitionStoreContract {
  @Override
  protected FieldDefinitionStore createStore() {
    return FieldTestDatabases.emptyStore(TestDatabase.POSTGRESQL);
  }
}
