package dev.ticketing;

import dev.ticketing.validation.Id;
import org.jspecify.annotations.Nullable;

/**
 * Merges the source ticket into the target ticket of the same company: the source is closed with a
 * pointer to the target, and the target's conversation shows the source's.
 *
 * @param sourceTicketId the ticket merged away
 * @param targetTicketId the ticket that carries on
 * @since 0.2.0
 */
public record MergeTickets(
    @Id @Nullable String sourceTicketId, @Id @Nullable String targetTicketId) {

  /** {@code sourceTicketId} merged into {@code targetTicketId}. */
  public static MergeTickets of(String sourceTicketId, String targetTicketId) {
    return new MergeTickets(sourceTicketId, targetTicketId);
  }
}
