package dev.ticketing;

/**
 * How {@link RatingService#summaries} groups ratings.
 *
 * @since 0.2.0
 */
public enum RatingGrouping {
  /** One summary of every rating in the period (key {@code "all"}). */
  TOTAL,
  /** One per UTC day the ratings were given on (key {@code 2026-12-07}). */
  DAY,
  /** One per UTC month (key {@code 2026-12}). */
  MONTH,
  /** One per company of the rated tickets (key: the company's id). */
  COMPANY,
  /** One per staff member the rated tickets were assigned to (key: their id; {@code ""}: none). */
  AGENT
}
