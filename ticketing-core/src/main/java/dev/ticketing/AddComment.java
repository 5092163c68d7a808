package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#addComment}. The GraphQL ticket module's {@code addCommentInput}.
 *
 * @param ticketId the ticket
 * @param content 1 to 10,000 characters after trimming
 * @param internal true for a staff-only internal note
 * @param idempotencyKey optional client key: a repeat with the same key and input returns the
 *     comment the first call added instead of adding another
 * @since 0.1.0
 */
public record AddComment(
    @Id @Nullable String ticketId,
    @Text(max = 10_000) @Nullable String content,
    boolean internal,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public AddComment(@Nullable String ticketId, @Nullable String content, boolean internal) {
    this(ticketId, content, internal, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public AddComment withIdempotencyKey(@Nullable String key) {
    return new AddComment(ticketId, content, internal, key);
  }
}
