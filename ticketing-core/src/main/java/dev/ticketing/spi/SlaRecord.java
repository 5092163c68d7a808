package dev.ticketing.spi;

import dev.ticketing.sla.SlaClock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A clock as an {@link SlaStore} keeps it: the clock of one ticket, and whether its warning and
 * breach have been raised. The clock is what the ticket's events make of it; the raised marks are
 * the scheduler's, and a store keeps them when the clock changes.
 *
 * @param warningRaisedAt when the warning was raised (or passed over), null while it is not
 * @param breachRaisedAt when the breach was raised, null while it is not
 * @since 0.1.0
 */
public record SlaRecord(
    String ticketId,
    SlaClock clock,
    @Nullable Instant warningRaisedAt,
    @Nullable Instant breachRaisedAt) {

  public SlaRecord {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * When the next alert of this clock is due: the earlier of its warning and its breach among those
   * not raised yet; null when nothing is left to raise. The scheduler claims records by it.
   */
  public @Nullable Instant nextAlertAt() {
    Instant warning = warningRaisedAt == null ? clock.warningAt() : null;
    Instant breach = breachRaisedAt == null ? clock.breachAt() : null;
    if (warning == null) {
      return breach;
    }
    return breach == null || warning.isBefore(breach) ? warning : breach;
  }

  /** The same clock with other raised marks. */
  public SlaRecord raised(@Nullable Instant warning, @Nullable Instant breach) {
    return new SlaRecord(ticketId, clock, warning, breach);
  }
}
