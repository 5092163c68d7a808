package dev.ticketing.jpa;

import dev.ticketing.spi.MailStore;
import dev.ticketing.tck.MailStoreContract;

/** The mail store contract on H2. */
class JpaMailStoreH2Test extends MailStoreContract {
  @Override
  protected MailStore createStore() {
    return MailTestDatabases.emptyStore(TestDatabase.H2);
  }
}
