package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#updateTicket}: the fields to change; null leaves a field as it is.
 * The GraphQL ticket module's {@code updateTicketInput}.
 *
 * @param idempotencyKey optional client key: a repeat with the same key and input changes nothing
 *     more and returns the ticket
 * @since 0.1.0
 */
public record UpdateTicket(
    @Id @Nullable String id,
    @Text(max = 200, optional = true) @Nullable String title,
    @Text(max = 10_000, optional = true) @Nullable String description,
    @Nullable Priority priority,
    @Nullable Category category,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public UpdateTicket(
      @Nullable String id,
      @Nullable String title,
      @Nullable String description,
      @Nullable Priority priority,
      @Nullable Category category) {
    this(id, title, description, priority, category, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public UpdateTicket withIdempotencyKey(@Nullable String key) {
    return new UpdateTicket(id, title, description, priority, category, key);
  }
}
