package dev.ticketing.jpa;

import dev.ticketing.spi.AutomationStore;
import dev.ticketing.tck.AutomationStoreContract;

/** The automation store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaAutomationStorePartitionedIT extends AutomationStoreContract {
  @Override
  protected AutomationStore createStore() {
    return PartitionedTestDatabase.emptyStore(
        JpaAutomationStore::new,
        "ticketing_automation_firing",
        "ticketing_automation_clock",
        "ticketing_automation_rule_version",
        "ticketing_automation_rule");
  }
}
