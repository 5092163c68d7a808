package dev.ticketing.internal;

import java.util.function.Supplier;

/**
 * A unit of work of another store, opened around the ticket store's so that both commit or roll
 * back together (the SLA store's, when it keeps its own transactions).
 */
interface Enclosure {

  /** Nothing around the ticket store's unit of work. */
  Enclosure NONE =
      new Enclosure() {
        @Override
        public <T> T around(Supplier<T> work) {
          return work.get();
        }
      };

  <T> T around(Supplier<T> work);
}
