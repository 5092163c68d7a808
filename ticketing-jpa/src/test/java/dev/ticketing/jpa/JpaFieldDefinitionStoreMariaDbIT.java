package dev.ticketing.jpa;

import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.tck.FieldDefinitionStoreContract;

/** The field definition store contract on MARIADB. */
class JpaFieldDefinitionStoreMariaDbIT extends FieldDefinitionStoreContract {
  @Override
  protected FieldDefinitionStore createStore() {
    return FieldTestDatabases.emptyStore(TestDatabase.MARIADB);
  }
}
