package dev.ticketing;

import dev.ticketing.validation.Id;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * Links two tickets of the same company, or removes their link: "{@code ticketId} {@code kind}
 * {@code otherTicketId}".
 *
 * @param ticketId the ticket the link is read from
 * @param kind how it is linked
 * @param otherTicketId the ticket it is linked to; another ticket of the same company
 * @since 0.2.0
 */
public record LinkTickets(
    @Id @Nullable String ticketId,
    @NotNull @Nullable LinkKind kind,
    @Id @Nullable String otherTicketId) {

  /** "{@code ticketId} {@code kind} {@code otherTicketId}". */
  public static LinkTickets of(String ticketId, LinkKind kind, String otherTicketId) {
    return new LinkTickets(ticketId, kind, otherTicketId);
  }
}
