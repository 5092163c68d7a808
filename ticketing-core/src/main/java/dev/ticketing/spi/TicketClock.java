package dev.ticketing.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The moments time rules count from, for one ticket, and the cycles they start: kept by the
 * automation engine as the ticket changes.
 *
 * @param statusSince the last status change (or the creation)
 * @param statusCycle status changes so far
 * @param updatedAt the last change of any kind
 * @param updateCycle changes so far
 * @param lastReplyAt the last public reply (or the creation)
 * @param replyCycle public replies so far
 * @since 0.2
 */
public record TicketClock(
    String ticketId,
    Instant statusSince,
    int statusCycle,
    Instant updatedAt,
    int updateCycle,
    Instant lastReplyAt,
    int replyCycle) {

  public TicketClock {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(statusSince, "statusSince");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastReplyAt, "lastReplyAt");
  }
}
