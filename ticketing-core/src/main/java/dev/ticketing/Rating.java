package dev.ticketing;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A satisfaction rating of a resolved or closed ticket, given once by its requester.
 *
 * @param ticketId the ticket rated
 * @param score 1 (very dissatisfied) to 5 (very satisfied); a good/bad survey records {@link
 *     RatingService#GOOD} or {@link RatingService#BAD}
 * @param comment the requester's words, trimmed; null for none
 * @param raterId the requester who rated
 * @param companyId the ticket's company
 * @param assigneeId the staff member the ticket was assigned to when it was rated; null when
 *     unassigned
 * @param ratedAt when
 * @param viaLink whether it came through a signed link rather than a signed-in call
 * @since 0.2.0
 */
public record Rating(
    String ticketId,
    int score,
    @Nullable String comment,
    String raterId,
    String companyId,
    @Nullable String assigneeId,
    Instant ratedAt,
    boolean viaLink) {

  public Rating {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(raterId, "raterId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(ratedAt, "ratedAt");
    if (score < RatingService.MIN_SCORE || score > RatingService.MAX_SCORE) {
      throw new IllegalArgumentException("score must be 1 to 5, was " + score);
    }
  }

  /** Whether the requester was satisfied (4 or 5). */
  public boolean good() {
    return score >= 4;
  }

  /** Whether the requester was dissatisfied (1 or 2). */
  public boolean bad() {
    return score <= 2;
  }
}
