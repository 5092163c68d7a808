package dev.ticketing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of satisfaction ratings: the key that signs rating links, how long a link lives, the
 * longest comment, and where a link points.
 *
 * @param signingKey the HMAC-SHA256 key of rating links, at least 32 bytes; null: no links (ratings
 *     only from signed-in requesters). Keep it secret and the same on every node.
 * @param linkLifetime how long a link may be used after it was issued (default {@link
 *     #DEFAULT_LINK_LIFETIME}, 14 days)
 * @param maxCommentLength the longest comment (default {@value #DEFAULT_MAX_COMMENT_LENGTH})
 * @param linkBase text the token is appended to for the {@code ratingUrl} variable of resolved and
 *     closed notifications, for example {@code https://desk.example.com/ratings?token=}; null: only
 *     {@code ratingToken} is given
 * @since 0.2.0
 */
public record RatingSettings(
    byte @Nullable [] signingKey,
    Duration linkLifetime,
    int maxCommentLength,
    @Nullable String linkBase) {

  /** How long a rating link lives unless configured. */
  public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofDays(14);

  /** The longest comment unless configured. */
  public static final int DEFAULT_MAX_COMMENT_LENGTH = 2_000;

  /** The shortest signing key. */
  public static final int MIN_KEY_BYTES = 32;

  public RatingSettings {
    if (signingKey != null) {
      if (signingKey.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "a rating signing key needs at least " + MIN_KEY_BYTES + " bytes");
      }
      signingKey = signingKey.clone();
    }
    Objects.requireNonNull(linkLifetime, "linkLifetime");
    if (linkLifetime.isNegative() || linkLifetime.isZero()) {
      throw new IllegalArgumentException("linkLifetime must be positive");
    }
    if (maxCommentLength < 1 || maxCommentLength > 10_000) {
      throw new IllegalArgumentException("maxCommentLength must be 1 to 10000");
    }
  }

  /** No links; comments up to {@value #DEFAULT_MAX_COMMENT_LENGTH} characters. */
  public static RatingSettings defaults() {
    return new RatingSettings(null, DEFAULT_LINK_LIFETIME, DEFAULT_MAX_COMMENT_LENGTH, null);
  }

  /** These settings with links signed by this key (its UTF-8 bytes). */
  public RatingSettings withSigningKey(String key) {
    return new RatingSettings(
        key.getBytes(StandardCharsets.UTF_8), linkLifetime, maxCommentLength, linkBase);
  }

  public RatingSettings withLinkLifetime(Duration v) {
    return new RatingSettings(signingKey, v, maxCommentLength, linkBase);
  }

  public RatingSettings withMaxCommentLength(int v) {
    return new RatingSettings(signingKey, linkLifetime, v, linkBase);
  }

  public RatingSettings withLinkBase(@Nullable String v) {
    return new RatingSettings(signingKey, linkLifetime, maxCommentLength, v);
  }

  /** The signing key, a copy; null when links are off. */
  @Override
  public byte @Nullable [] signingKey() {
    return signingKey == null ? null : signingKey.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RatingSettings r
        && Arrays.equals(signingKey, r.signingKey)
        && linkLifetime.equals(r.linkLifetime)
        && maxCommentLength == r.maxCommentLength
        && Objects.equals(linkBase, r.linkBase);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(signingKey), linkLifetime, maxCommentLength, linkBase);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "RatingSettings[signingKey="
        + (signingKey == null ? "none" : "***")
        + ", linkLifetime="
        + linkLifetime
        + ", maxCommentLength="
        + maxCommentLength
        + ", linkBase="
        + linkBase
        + "]";
  }
}
