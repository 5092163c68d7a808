package dev.ticketing.spi;

import dev.ticketing.LinkKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored link: "{@code fromTicketId} {@code kind} {@code toTicketId}". The engine writes a
 * {@link LinkKind#RELATED} link with the smaller id first, so one pair has one row per kind.
 *
 * @param fromTicketId the ticket the link is read from
 * @param kind how it is linked
 * @param toTicketId the ticket it is linked to
 * @param createdBy who linked them
 * @param createdAt when, at microsecond precision
 * @since 0.2.0
 */
public record LinkRecord(
    String fromTicketId, LinkKind kind, String toTicketId, String createdBy, Instant createdAt) {
  public LinkRecord {
    Objects.requireNonNull(fromTicketId, "fromTicketId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(toTicketId, "toTicketId");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the link names the ticket at either end. */
  public boolean touches(String ticketId) {
    return fromTicketId.equals(ticketId) || toTicketId.equals(ticketId);
  }
}
