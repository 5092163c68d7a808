package dev.ticketing.jpa;

import dev.ticketing.spi.RatingStore;
import dev.ticketing.tck.RatingStoreContract;

/** The rating store contract on MARIADB. */
class JpaRatingStoreMariaDbIT extends RatingStoreContract {
  @Override
  protected RatingStore createStore() {
    return DeskTestDatabases.emptyRatingStore(TestDatabase.MARIADB);
  }
}
