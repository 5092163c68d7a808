package dev.ticketing.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps of a write made with a client's idempotency key: enough to recognise a repeat
 * and answer it with the first result, never the input itself.
 *
 * @param actorId whose key it is: keys are scoped per actor
 * @param key the client's key
 * @param operation the service operation it was used with ({@code createTicket}, ...)
 * @param fingerprint a digest of the operation's input, to tell a repeat from a reuse with other
 *     input
 * @param result what the first call produced, as the engine encodes it (ids of the ticket,
 *     comment, attachment; outcomes of a bulk resolve)
 * @param createdAt when the first call committed
 * @param expiresAt from when the key is forgotten
 * @since 0.2.0
 */
public record IdempotencyRecord(
    String actorId,
    String key,
    String operation,
    String fingerprint,
    String result,
    Instant createdAt,
    Instant expiresAt) {

  public IdempotencyRecord {
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the key is forgotten at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
