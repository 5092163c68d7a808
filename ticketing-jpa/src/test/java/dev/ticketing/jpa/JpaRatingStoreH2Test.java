package dev.ticketing.jpa;

import dev.ticketing.spi.RatingStore;
import dev.ticketing.tck.RatingStoreContract;

/** The rating store contract on H2. */
class JpaRatingStoreH2Test extends RatingStoreContract {
  @Override
  protected RatingStore createStore() {
    return DeskTestDatabases.emptyRatingStore(TestDatabase.H2);
  }
}
