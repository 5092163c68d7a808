package dev.ticketing.jpa;

import dev.ticketing.spi.TicketStore;
import dev.ticketing.tck.OutboxStoreContract;

/** The outbox contract on MARIADB. */
class JpaOutboxStoreMariaDbIT extends OutboxStoreContract {
  @Override
  protected TicketStore createStore() {
    TestDatabase.MARIADB.truncate();
    return TestDatabase.MARIADB.newStore();
  }
}
