package dev.ticketing.spring.autoconfigure;

import dev.ticketing.RatingSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Satisfaction ratings' signed links: the ticketing.ratings properties.
 *
 * @param signingKey the HMAC key of rating links, at least 32 characters; unset: no links (the
 *     requester rates signed in only). Keep it secret, the same on every node.
 * @param linkLifetime how long a rating link may be used (default 14 days)
 * @param maxCommentLength the longest rating comment (default 2000)
 * @param linkBase what the token is appended to for the ratingUrl variable of resolution
 *     notices, e.g. https://desk.example.com/ratings?token=
 * @since 0.2.0
 */
@ConfigurationProperties("ticketing.ratings")
public record TicketingRatingProperties(
    @Nullable String signingKey,
    @DefaultValue("14d") Duration linkLifetime,
    @DefaultValue("2000") int maxCommentLength,
    @Nullable String linkBase) {

  /** The engine's settings. */
  public RatingSettings settings() {
    RatingSettings s =
        RatingSettings.defaults()
            .withLinkLifetime(linkLifetime)
            .withMaxCommentLength(maxCommentLength)
            .withLinkBase(linkBase);
    return signingKey == null || signingKey.isBlank() ? s : s.withSigningKey(signingKey);
  }
}
