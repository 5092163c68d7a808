package dev.ticketing.jpa;

import dev.ticketing.spi.AutomationStore;
import dev.ticketing.tck.AutomationStoreContract;

/** The automation store contract on POSTGRESQL. */
class JpaAutomationStorePostgresIT extends AutomationStoreContract {
  @Override
  protected AutomationStore createStore() {
    return AutomationTestDatabases.emptyStore(TestDatabase.POSTGRESQL);
  }
}
