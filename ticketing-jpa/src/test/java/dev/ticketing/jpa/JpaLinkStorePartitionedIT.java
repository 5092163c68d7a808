package dev.ticketing.jpa;

import dev.ticketing.spi.LinkStore;
import dev.ticketing.tck.LinkStoreContract;

/** The link store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaLinkStorePartitionedIT extends LinkStoreContract {
  @Override
  protected LinkStore createStore() {
    return PartitionedTestDatabase.emptyStore(
        JpaLinkStore::new, "ticketing_ticket_link", "ticketing_ticket_merge");
  }
}
