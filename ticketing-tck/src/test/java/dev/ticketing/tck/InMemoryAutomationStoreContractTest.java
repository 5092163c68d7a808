package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryAutomationStore;
import dev.ticketing.spi.AutomationStore;

/** The in-memory automation store passes the automation store contract. */
class InMemoryAutomationStoreContractTest extends AutomationStoreContract {

  @Override
  protected AutomationStore createStore() {
    return new InMemoryAutomationStore();
  }
}
