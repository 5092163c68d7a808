package dev.ticketing.jpa;

import dev.ticketing.spi.FieldDefinitionStore;
import dev.ticketing.tck.FieldDefinitionStoreContract;

/** The field definition store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaFieldDefinitionStorePartitionedIT extends FieldDefinitionStoreContract {
  @Override
  protected FieldDefinitionStore createStore() {
    return PartitionedTestDatabase.emptyStore(
        JpaFieldDefinitionStore::new, "ticketing_field_definition");
  }
}
