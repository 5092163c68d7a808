package dev.ticketing.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signing and verification of webhook deliveries.
 *
 * <p>Each POST of a {@link WebhookNotifier} carries three headers: {@value #DELIVERY_HEADER} (the
 * notification id, the same on every retry), {@value #TIMESTAMP_HEADER} (Unix time in seconds
 * when this attempt was sent) and {@value #SIGNATURE_HEADER}: {@code v1=} followed by the lower
 * case hex HMAC-SHA256, keyed with the endpoint's secret, of the timestamp, a dot and the raw
 * request body ({@code timestamp + "." + body}, UTF-8).
 *
 * <p>A receiver verifies before it parses:
 *
 * <pre>{@code
 * boolean ok = WebhookSignature.verify(secret,
 *     request.getHeader("Ticketing-Timestamp"), rawBody,
 *     request.getHeader("Ticketing-Signature"), Duration.ofMinutes(5), Clock.systemUTC());
 * if (!ok) return 401;
 * if (!seenDeliveries.add(request.getHeader("Ticketing-Delivery"))) return 200; // a repeat
 * }</pre>
 *
 * <p>Replay protection is the pair of checks: the signature covers the timestamp, so a captured
 * request cannot be re-dated, and {@code verify} rejects timestamps further than {@code tolerance}
 * from the receiver's clock; within that window the receiver drops repeats by the delivery id
 * (keep the ids at least as long as the tolerance). The delivery id also makes the outbox's
 * at-least-once retries harmless.
 *
 * @since 0.1.0
 */
public final class WebhookSignature {

  /** The notification id; stable across retries, the receiver's idempotency key. */
  public static final String DELIVERY_HEADER = "Ticketing-Delivery";

  /** Unix time in seconds when the attempt was sent; covered by the signature. */
  public static final String TIMESTAMP_HEADER = "Ticketing-Timestamp";

  /** {@code v1=<hex HMAC-SHA256>}; several comma-separated values are accepted when verifying. */
  public static final String SIGNATURE_HEADER = "Ticketing-Signature";

  private static final String SCHEME = "v1=";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The {@value #SIGNATURE_HEADER} value for a body sent at {@code timestamp} (epoch seconds). */
  public static String sign(String secret, long timestamp, String body) {
    return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@value #SIGNATURE_HEADER} value for a raw body sent at {@code timestamp} (epoch seconds). */
  public static String sign(String secret, long timestamp, byte[] body) {
    return SCHEME + HexFormat.of().formatHex(mac(secret, Long.toString(timestamp), body));
  }

  /** {@link #verify(String, String, byte[], String, Duration, Clock)} for a body already decoded as UTF-8. */
  public static boolean verify(
      String secret,
      @Nullable String timestamp,
      String body,
      @Nullable String signatureHeader,
      Duration tolerance,
      Clock clock) {
    return verify(
        secret,
        timestamp,
        body.getBytes(StandardCharsets.UTF_8),
        signatureHeader,
        tolerance,
        clock);
  }

  /**
   * Whether a delivery is authentic and fresh: the timestamp is within {@code tolerance} of {@code
   * clock} (either way), and one of the {@code v1=} signatures in the header matches, compared in
   * constant time. Missing or malformed headers are simply not valid.
   *
   * @param secret the endpoint's shared secret
   * @param timestamp the {@value #TIMESTAMP_HEADER} header
   * @param body the raw request body, exactly as received
   * @param signatureHeader the {@value #SIGNATURE_HEADER} header
   * @param tolerance how old (or how far in the future) a timestamp may be; 5 minutes is usual
   * @param clock the receiver's clock
   */
  public static boolean verify(
      String secret,
      @Nullable String timestamp,
      byte[] body,
      @Nullable String signatureHeader,
      Duration tolerance,
      Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(clock, "clock");
    if (timestamp == null || signatureHeader == null || !timestamp.matches("[0-9]{1,12}")) {
      return false;
    }
    long sent = Long.parseLong(timestamp);
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - sent) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = mac(secret, timestamp, body);
    boolean match = false;
    for (String part : signatureHeader.split(",")) {
      String candidate = part.strip();
      if (!candidate.startsWith(SCHEME)) {
        continue;
      }
      byte[] given;
      try {
        given = HexFormat.of().parseHex(candidate.substring(SCHEME.length()));
      } catch (IllegalArgumentException e) {
        continue;
      }
      // Constant time, and no early exit over the candidates: timing tells nothing.
      match |= MessageDigest.isEqual(expected, given);
    }
    return match;
  }

  private static byte[] mac(String secret, String timestamp, byte[] body) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret must not be empty");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
