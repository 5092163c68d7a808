package dev.ticketing.internal;

import dev.ticketing.IdempotencyKeyReusedException;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.validation.IdempotencyKeyValidator;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Clients' idempotency keys: recognising a repeat, telling it from a reuse with other input, and
 * recording a key with the write it came with. The store keeps the records (per actor and key, a
 * unique constraint); the input is kept only as a SHA-256 fingerprint.
 */
final class IdempotencyKeys {

  /** The component of every command record that carries the key; never part of the fingerprint. */
  static final String FIELD = "idempotencyKey";

  /** One keyed call: whose key, which key, which operation, and the fingerprint of its input. */
  record Key(String actorId, String key, String operation, String fingerprint) {}

  private final TicketStore store;
  private final Clock clock;
  private final Duration retention;

  IdempotencyKeys(TicketStore store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  /** The key of a call whose input is a command record, or null when it carries none. */
  static @Nullable Key of(Actor actor, String operation, Record input) {
    String key = keyOf(input);
    if (key == null) {
      return null;
    }
    return new Key(actor.id(), key, operation, fingerprint(operation, recordParts(input)));
  }

  /** The key of a call whose input is plain values, or null when {@code key} is null. */
  static @Nullable Key of(Actor actor, @Nullable String key, String operation, Object... input) {
    if (key == null) {
      return null;
    }
    if (!IdempotencyKeyValidator.isWellFormed(key)) {
      throw ValidationException.of(FIELD, "must be 1 to 255 visible ASCII characters");
    }
    String[] parts = new String[input.length];
    for (int i = 0; i < input.length; i++) {
      parts[i] = input[i] == null ? "!" : "=" + input[i];
    }
    return new Key(actor.id(), key, operation, fingerprint(operation, parts));
  }

  /**
   * What the first call with this key produced, or null when the key is new (or expired).
   *
   * @throws IdempotencyKeyReusedException when the key was used with another operation or input
   */
  @Nullable String firstResult(Key k) {
    Optional<IdempotencyRecord> found;
    try {
      found = store.findIdempotencyKey(k.actorId(), k.key(), clock.instant());
    } catch (UnsupportedOperationException e) {
      throw ValidationException.of(FIELD, "is not supported by this ticket store");
    }
    if (found.isEmpty()) {
      return null;
    }
    IdempotencyRecord r = found.get();
    if (!r.operation().equals(k.operation()) || !r.fingerprint().equals(k.fingerprint())) {
      throw new IdempotencyKeyReusedException(k.operation(), r.operation());
    }
    return r.result();
  }

  /** Records the key with the result of its write; call inside the write's unit of work. */
  void save(Key k, String result) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    store.saveIdempotencyKey(
        new IdempotencyRecord(
            k.actorId(),
            k.key(),
            k.operation(),
            k.fingerprint(),
            result,
            now,
            now.plus(retention)));
  }

  /** Deletes the records that have expired; returns how many. */
  int purgeExpired() {
    return store.purgeIdempotencyKeys(clock.instant());
  }

  private static @Nullable String keyOf(Record input) {
    for (RecordComponent c : input.getClass().getRecordComponents()) {
      if (c.getName().equals(FIELD)) {
        return (String) value(c, input);
      }
    }
    throw new IllegalArgumentException(input.getClass().getSimpleName() + " has no " + FIELD);
  }

  /** Every component but the key, named, in declaration order. */
  private static String[] recordParts(Record input) {
    RecordComponent[] components = input.getClass().getRecordComponents();
    String[] parts = new String[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      Object v = value(c, input);
      // "!" for null, so that a null field and the text "null" differ.
      parts[i] = c.getName().equals(FIELD) ? "" : c.getName() + (v == null ? "!" : "=" + v);
    }
    return parts;
  }

  private static @Nullable Object value(RecordComponent c, Record input) {
    try {
      return c.getAccessor().invoke(input);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  /** SHA-256 over the operation and every part, each prefixed by its length: no two inputs collide by concatenation. */
  static String fingerprint(String operation, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, operation);
      for (String p : parts) {
        update(sha, p);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }
}
