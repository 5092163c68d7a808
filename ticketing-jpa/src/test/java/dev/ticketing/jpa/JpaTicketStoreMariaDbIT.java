package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.TicketStoreContract;

/** The store contract on MARIADB. */
class JpaTicketStoreMariaDbIT extends TicketStoreContract {
  @Override
  protected TicketStore createStore() {
    TestDatabase.MARIADB.truncate();
    return TestDatabase.MARIADB.newStore();
  }
}
