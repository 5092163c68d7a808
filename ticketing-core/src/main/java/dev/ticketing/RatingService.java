package dev.ticketing;

import dev.ticketing.policy.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Satisfaction ratings (CSAT). Once a ticket is {@code RESOLVED} or {@code CLOSED}, its requester
 * may rate it once, 1 to 5 (a good/bad survey gives {@link #GOOD} or {@link #BAD}) with an optional
 * comment: signed in, or through a signed link from the resolution e-mail without signing in. A
 * second rating of the same ticket is refused ({@code INVALID_STATE}); a reopened and re-resolved
 * ticket keeps its first rating. Each rating leaves a {@link AuditAction#TICKET_RATED} audit entry
 * in the same unit of work. Reached through {@link Ticketing#ratings()}.
 *
 * <p><b>Signed links.</b> With a signing key ({@link RatingSettings#signingKey()}), the {@code
 * support-ticket-resolved} and {@code ticket-closed} notifications carry the variables {@code
 * ratingToken}, {@code ratingUrl} (when {@link RatingSettings#linkBase()} is set) and {@code
 * ratingExpiresAt}. The token names the ticket and its requester, expires after {@link
 * RatingSettings#linkLifetime()} and is signed with HMAC-SHA256; it is valid only while the ticket
 * still has that requester. It rates as the requester whoever holds it (the notice also goes to the
 * ticket's CCs): treat it like the e-mail it is in.
 *
 * @since 0.2.0
 */
public interface RatingService {

  int MIN_SCORE = 1;
  int MAX_SCORE = 5;

  /** The score a "good" answer of a two-choice survey records. */
  int GOOD = 5;

  /** The score a "bad" answer of a two-choice survey records. */
  int BAD = 1;

  /** The requester, signed in, rates their resolved or closed ticket. */
  Rating rate(Actor actor, String ticketId, int score, @Nullable String comment);

  /**
   * Rates through a signed link, without signing in. A token that is malformed, not signed with
   * the configured key, expired, or naming a requester the ticket no longer has is refused with a
   * {@code VALIDATION} error on {@code token}, and nothing is written.
   */
  Rating rateWithToken(String token, int score, @Nullable String comment);

  /**
   * A signed token for the ticket's rating link, valid from now for the configured lifetime: for
   * staff who see the ticket and for its requester.
   *
   * @throws IllegalStateException when no signing key is configured
   */
  String linkToken(Actor actor, String ticketId);

  /** The ticket's rating, to staff who see the ticket and to its requester. */
  Optional<Rating> rating(Actor actor, String ticketId);

  /**
   * Ratings given in {@code [from, to)}, grouped (statistics: admins and whoever may read every
   * ticket's statistics), optionally of one company's tickets; groups in key order.
   */
  List<RatingSummary> summaries(
      Actor actor, RatingGrouping grouping, Instant from, Instant to, @Nullable String companyId);
}
