package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.spi.MailStore;

/** The in-memory mail store passes the mail store contract. */
class InMemoryMailStoreContractTest extends MailStoreContract {

  @Override
  protected MailStore createStore() {
    return new InMemoryMailStore();
  }
}
