package dev.ticketing.jpa;

import dev.ticketing.spi.AutomationStore;
import dev.ticketing.tck.AutomationStoreContract;

/** The automation store contract on MARIADB. */
class JpaAutomationStoreMariaDbIT extends AutomationStoreContract {
  @Override
  protected AutomationStore createStore() {
    return AutomationTestDatabases.emptyStore(TestDatabase.MARIADB);
  }
}
