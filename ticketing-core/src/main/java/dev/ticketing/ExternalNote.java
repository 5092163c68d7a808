package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import dev.ticketing.validation.Text;
import dev.ticketing.validation.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A note that the host inserted elsewhere (the Comdeall support module's Hasura event): recorded
 * once per {@code externalId}, however often the event is delivered, and notified like a staff
 * reply.
 *
 * @param externalId the note's id in the host's system; the natural idempotency key of this call
 * @param ticketId the ticket
 * @param content the note text
 * @param createdAt when the host created it, between the years 1000 and 9999 (what every store
 *     holds); null means now
 * @param internal whether it is a staff-only note (the Comdeall support module's notes are public:
 *     false)
 * @param idempotencyKey optional client key, as on every write (the external id already makes a
 *     repeated event harmless)
 * @since 0.1.0
 */
public record ExternalNote(
    @Id @Nullable String externalId,
    @Id @Nullable String ticketId,
    @Text(max = 10_000) @Nullable String content,
    @Timestamp @Nullable Instant createdAt,
    boolean internal,
    @IdempotencyKey @Nullable String idempotencyKey) {

  /** Without an idempotency key. */
  public ExternalNote(
      @Nullable String externalId,
      @Nullable String ticketId,
      @Nullable String content,
      @Nullable Instant createdAt,
      boolean internal) {
    this(externalId, ticketId, content, createdAt, internal, null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public ExternalNote withIdempotencyKey(@Nullable String key) {
    return new ExternalNote(externalId, ticketId, content, createdAt, internal, key);
  }
}
