package dev.ticketing.jpa;

import dev.ticketing.spi.AutomationStore;
import dev.ticketing.tck.AutomationStoreContract;

/** The automation store contract on H2. */
class JpaAutomationStoreH2Test extends AutomationStoreContract {
  @Override
  protected AutomationStore createStore() {
    return AutomationTestDatabases.emptyStore(TestDatabase.H2);
  }
}
