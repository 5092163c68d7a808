package dev.ticketing.jpa;

import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.tck.AssignmentStoreContract;

/** The assignment store contract on H2. */
class JpaAssignmentStoreH2Test extends AssignmentStoreContract {
  @Override
  protected AssignmentStore createStore() {
    return AssignmentTestDatabases.emptyStore(TestDatabase.H2);
  }
}
