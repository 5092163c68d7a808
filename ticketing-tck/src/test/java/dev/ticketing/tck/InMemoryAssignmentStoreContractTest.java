package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryAssignmentStore;
import dev.ticketing.spi.AssignmentStore;

/** The in-memory assignment store passes the assignment store contract. */
class InMemoryAssignmentStoreContractTest extends AssignmentStoreContract {

  @Override
  protected AssignmentStore createStore() {
    return new InMemoryAssignmentStore();
  }
}
