package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.TicketStoreContract;

/** The store contract on POSTGRESQL. */
class JpaTicketStorePostgresIT extends TicketStoreContract {
  @Override
  protected TicketStore createStore() {
    TestDatabase.POSTGRESQL.truncate();
    return TestDatabase.POSTGRESQL.newStore();
  }
}
