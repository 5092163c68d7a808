package dev.ticketing.jpa;

import dev.ticketing.spi.RatingStore;
import dev.ticketing.tck.RatingStoreContract;

/** The rating store contract on PostgreSQL with the tables partitioned by hash of the company. */
class JpaRatingStorePartitionedIT extends RatingStoreContract {
  @Override
  protected RatingStore createStore() {
    return PartitionedTestDatabase.emptyStore(JpaRatingStore::new, "ticketing_rating");
  }
}
