package dev.ticketing.tck;

import dev.ticketing.memory.InMemoryRatingStore;
import dev.ticketing.spi.RatingStore;

/** The in-memory rating store passes the rating store contract. */
class InMemoryRatingStoreContractTest extends RatingStoreContract {

  @Override
  protected RatingStore createStore() {
    return new InMemoryRatingStore();
  }
}
