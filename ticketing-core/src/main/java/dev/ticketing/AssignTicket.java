package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#assignTicket}. The GraphQL ticket module's {@code
 * assignTicketInput}.
 *
 * @param ticketId the ticket
 * @param assignedToId a staff user's id, or null to unassign
 * @param idempotencyKey optional client key: a repeat with the same key and input changes nothing
 *     more and returns the ticket
 * @since 0.1.0
 */
public record AssignTicket(
    @Id @Nullable String ticketId,
    @Id(optional = true) @Nullable String assignedToId,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public AssignTicket(@Nullable String ticketId, @Nullable String assignedToId) {
    this(ticketId, assignedToId, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public AssignTicket withIdempotencyKey(@Nullable String key) {
    return new AssignTicket(ticketId, assignedToId, key);
  }
}
