package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#changeStatus}. The GraphQL ticket module's {@code updateTicketStatusInput}.
 *
 * @param idempotencyKey optional client key: a repeat with the same key and input changes nothing
 *     more and returns the ticket (instead of an invalid-transition error)
 * @since 0.1.0
 */
public record ChangeStatus(
    @Id @Nullable String ticketId,
    @NotNull @Nullable Status status,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public ChangeStatus(@Nullable String ticketId, @Nullable Status status) {
    this(ticketId, status, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public ChangeStatus withIdempotencyKey(@Nullable String key) {
    return new ChangeStatus(ticketId, status, key);
  }
}
