package dev.ticketing.jpa;

import dev.ticketing.spi.MailStore;
import dev.ticketing.tck.MailStoreContract;

/** The mail store contract on POSTGRESQL. */
class JpaMailStorePostgresIT extends MailStoreContract {
  @Override
  protected MailStore createStore() {
    return MailTestDatabases.emptyStore(TestDatabase.POSTGRESQL);
  }
}
