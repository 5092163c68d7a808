package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.TicketStoreContract;

/** The store contract on H2. */
class JpaTicketStoreH2Test extends TicketStoreContract {
  @Override
  protected TicketStore createStore() {
    TestDatabase.H2.truncate();
    return TestDatabase.H2.newStore();
  }
}
