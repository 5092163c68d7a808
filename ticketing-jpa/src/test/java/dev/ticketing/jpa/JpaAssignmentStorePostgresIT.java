package dev.ticketing.jpa;

import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.tck.AssignmentStoreContract;

/** The assignment store contract on POSTGRESQL. */
class JpaAssignmentStorePostgresIT extends AssignmentStoreContract {
  @Override
  protected AssignmentStore createStore() {
    return AssignmentTestDatabases.emptyStore(TestDatabase.POSTGRESQL);
  }
}
