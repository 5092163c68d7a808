package dev.ticketing.jpa;

import dev.ticketing.spi.MailStore;
import dev.ticketing.tck.MailStoreContract;

/** The mail store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaMailStorePartitionedIT extends MailStoreContract {
  @Override
  protected MailStore createStore() {
    return PartitionedTestDatabase.emptyStore(
        JpaMailStore::new, "ticketing_mail_inbound", "ticketing_mail_sent");
  }
}
