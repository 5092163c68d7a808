package dev.ticketing.jpa;

import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.tck.AssignmentStoreContract;

/** The assignment store contract on MARIADB. */
class JpaAssignmentStoreMariaDbIT extends AssignmentStoreContract {
  @Override
  protected AssignmentStore createStore() {
    return AssignmentTestDatabases.emptyStore(TestDatabase.MARIADB);
  }
}
