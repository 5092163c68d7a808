package dev.ticketing.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * How a clock counts time: every instant (calendar hours, {@link #CONTINUOUS}) or only the working
 * hours of a {@link BusinessCalendar}.
 *
 * @since 0.1.0
 */
public interface WorkingTime {

  /** Calendar hours: every instant counts. */
  WorkingTime CONTINUOUS =
      new WorkingTime() {
        @Override
        public Duration between(Instant from, Instant to) {
          return from.isBefore(to) ? Duration.between(from, to) : Duration.ZERO;
        }

        @Override
        public Instant plus(Instant start, Duration amount) {
          return start.plus(amount);
        }

        @Override
        public String toString() {
          return "calendar hours";
        }
      };

  /** The working time between two instants; zero when {@code to} is not after {@code from}. */
  Duration between(Instant from, Instant to);

  /**
   * The earliest instant at which {@code amount} of working time has passed since {@code start};
   * {@code start} itself for a zero amount.
   */
  Instant plus(Instant start, Duration amount);
}
