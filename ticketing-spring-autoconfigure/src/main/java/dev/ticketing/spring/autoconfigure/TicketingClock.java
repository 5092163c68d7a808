package dev.ticketing.spring.autoconfigure;

import java.time.Clock;
import java.util.Objects;

/**
 * The clock the ticketing engine reads: ticket and comment times, outbox schedules and leases,
 * upload expiry, webhook timestamps. The auto-configuration uses the system clock in UTC; a host
 * that wants another (a test moving time forward, say) declares a bean of this type:
 *
 * <pre>{@code
 * @Bean
 * TicketingClock ticketingClock(Clock testClock) {
 *   return new TicketingClock(testClock);
 * }
 * }</pre>
 *
 * <p>A type of its own rather than a {@link Clock} bean, so that the engine never takes a clock
 * the host declared for something else, and the host's own {@code Clock} injection points never
 * receive one the library declared.
 *
 * @param clock the clock the engine reads
 * @since 0.1.0
 */
public record TicketingClock(Clock clock) {

  public TicketingClock {
    Objects.requireNonNull(clock, "clock");
  }

  /** The system clock in UTC, the default. */
  public static TicketingClock system() {
    return new TicketingClock(Clock.systemUTC());
  }
}
