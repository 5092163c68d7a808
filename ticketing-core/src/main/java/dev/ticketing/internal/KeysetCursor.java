package dev.ticketing.internal;

import dev.ticketing.ValidationException;
import dev.ticketing.spi.Keyset;
import dev.ticketing.validation.IdValidator;
import dev.ticketing.validation.TimestampValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque page cursors: the sort key and id of a row, base64url-encoded with a version tag. Opaque
 * so that clients do not build them; validated on the way in so that a forged cursor is a
 * validation error, never a query fragment.
 */
final class KeysetCursor {
  private static final String VERSION = "k1";

  private KeysetCursor() {}

  static String encode(Keyset keyset) {
    String raw =
        VERSION
            + ":"
            + keyset.createdAt().getEpochSecond()
            + ":"
            + keyset.createdAt().getNano()
            + ":"
            + keyset.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Keyset decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 4);
      if (parts.length == 4 && parts[0].equals(VERSION) && IdValidator.isWellFormed(parts[3])) {
        int nanos = Integer.parseInt(parts[2]);
        // Only what encode writes: nanos outside 0..999,999,999 would be carried into the seconds.
        if (nanos >= 0 && nanos < 1_000_000_000) {
          Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), nanos);
          // The service never issues a time the stores cannot hold; a forged one must not reach
          // them.
          if (TimestampValidator.isStorable(at)) {
            return new Keyset(at, parts[3]);
          }
        }
      }
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      // fall through: any malformed cursor gets the same answer
    }
    throw ValidationException.of("after", "is not a cursor of this listing");
  }
}
