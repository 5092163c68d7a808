package dev.ticketing.jpa;

import dev.ticketing.spi.MailStore;
import dev.ticketing.tck.MailStoreContract;

/** The mail store contract on MARIADB. */
class JpaMailStoreMariaDbIT extends MailStoreContract {
  @Override
  protected MailStore createStore() {
    return MailTestDatabases.emptyStore(TestDatabase.MARIADB);
  }
}
