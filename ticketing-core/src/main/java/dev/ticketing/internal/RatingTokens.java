package dev.ticketing.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signed rating links: {@code r1.<ticket>.<requester>.<expiry>.<signature>}, the ids base64url
 * encoded, the expiry in epoch seconds, the signature HMAC-SHA256 of everything before it under the
 * host's key, compared in constant time.
 */
final class RatingTokens {

  private static final String VERSION = "r1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] key;

  RatingTokens(byte[] key) {
    this.key = key.clone();
  }

  /** What a valid token names. */
  record Claims(String ticketId, String requesterId, Instant expiresAt) {}

  String issue(String ticketId, String requesterId, Instant expiresAt) {
    String payload =
        VERSION
            + "."
            + encode(ticketId)
            + "."
            + encode(requesterId)
            + "."
            + expiresAt.getEpochSecond();
    return payload + "." + ENCODER.encodeToString(sign(payload));
  }

  /** The claims of a well-formed, correctly signed, unexpired token; null for any other. */
  @Nullable Claims verify(@Nullable String token, Instant now) {
    if (token == null || token.length() > 1_000) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      return null;
    }
    try {
      String payload = token.substring(0, token.lastIndexOf('.'));
      byte[] given = DECODER.decode(parts[4]);
      if (!MessageDigest.isEqual(sign(payload), given)) {
        return null;
      }
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
      if (!now.isBefore(expiresAt)) {
        return null;
      }
      return new Claims(decode(parts[1]), decode(parts[2]), expiresAt);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }

  private byte[] sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String encode(String s) {
    return ENCODER.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return new String(DECODER.decode(s), StandardCharsets.UTF_8);
  }
}
