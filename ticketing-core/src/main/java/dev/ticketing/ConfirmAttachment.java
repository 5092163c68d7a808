package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import dev.ticketing.validation.Text;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#confirmAttachment} (the GraphQL ticket module's {@code
 * createAttachment}).
 *
 * @param ticketId the ticket the upload was issued for
 * @param key the object key returned with the upload URL (no control characters: a key the engine
 *     issued never has any, and some databases refuse them in a query)
 * @param commentId optionally, a comment of the same ticket to link the file to
 * @param idempotencyKey optional client key: a repeat with the same key and input returns the
 *     attachment the first call recorded (instead of "already confirmed")
 * @since 0.1.0
 */
public record ConfirmAttachment(
    @Id @Nullable String ticketId,
    @Text(max = 1024) @Nullable String key,
    @Id(optional = true) @Nullable String commentId,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public ConfirmAttachment(
      @Nullable String ticketId, @Nullable String key, @Nullable String commentId) {
    this(ticketId, key, commentId, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public ConfirmAttachment withIdempotencyKey(@Nullable String key) {
    return new ConfirmAttachment(ticketId, this.key, commentId, key);
  }
}
