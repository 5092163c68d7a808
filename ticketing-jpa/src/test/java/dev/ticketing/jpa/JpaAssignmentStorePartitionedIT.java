package dev.ticketing.jpa;

import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.tck.AssignmentStoreContract;

/** The assignment store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaAssignmentStorePartitionedIT extends AssignmentStoreContract {
  @Override
  protected AssignmentStore createStore() {
    return PartitionedTestDatabase.emptyStore(JpaAssignmentStore::new, "ticketing_agent");
  }
}
