package dev.ticketing;

/**
 * Satisfaction ratings of one group (a period, a company, an agent).
 *
 * @param key the group, as {@link RatingGrouping} says
 * @param count how many ratings
 * @param good how many were good (4 or 5)
 * @param bad how many were bad (1 or 2)
 * @param average the mean score, 0 when there are none
 * @param satisfaction the satisfaction score: good ratings as a percentage of all, 0 to 100 (0
 *     when there are none)
 * @since 0.2.0
 */
public record RatingSummary(
    String key, long count, long good, long bad, double average, double satisfaction) {

  /** The summary of these counts. */
  public static RatingSummary of(String key, long count, long scoreSum, long good, long bad) {
    return new RatingSummary(
        key,
        count,
        good,
        bad,
        count == 0 ? 0 : (double) scoreSum / count,
        count == 0 ? 0 : good * 100.0 / count);
  }
}
