package dev.ticketing;

/**
 * How the engine keeps ticket counters and answers totals.
 *
 * @param enabled keep counters in each write's unit of work and answer statistics, tag statistics
 *     and the totals of simple filters from them (default on; off, the store counts tickets as
 *     before). Needs a store that keeps counters ({@link dev.ticketing.spi.TicketStore#counters()})
 * @param stripes rows per counter a write chooses from (default {@value #DEFAULT_STRIPES}, 1 to
 *     {@value #MAX_STRIPES}): more stripes let more writers of one company commit side by side,
 *     fewer make reads sum fewer rows
 * @param totalCountCap the most tickets a page's {@code totalCount} counts when the counters cannot
 *     answer its filter (default {@value #DEFAULT_TOTAL_COUNT_CAP}, at least 1): beyond it the page
 *     says {@code totalCountCapped} and gives the cap
 * @since 0.2.0
 */
public record CounterSettings(boolean enabled, int stripes, long totalCountCap) {

  /**
   * The default {@link #stripes()}: 64. With 16, 32 concurrent writers kept about three quarters of
   * their throughput without counters at ten million tickets; with 64 over four fifths, while a
   * read of every company's statistics, all 64 stripes written, still took under a millisecond.
   */
  public static final int DEFAULT_STRIPES = 64;

  /** The largest {@link #stripes()}. */
  public static final int MAX_STRIPES = 1024;

  /** The default {@link #totalCountCap()}: 10,000. */
  public static final long DEFAULT_TOTAL_COUNT_CAP = 10_000;

  public CounterSettings {
    if (stripes < 1 || stripes > MAX_STRIPES) {
      throw ValidationException.of("stripes", "must be 1 to " + MAX_STRIPES);
    }
    if (totalCountCap < 1) {
      throw ValidationException.of("totalCountCap", "must be at least 1");
    }
  }

  /** Counters on, {@value #DEFAULT_STRIPES} stripes, totals capped at 10,000. */
  public static CounterSettings defaults() {
    return new CounterSettings(true, DEFAULT_STRIPES, DEFAULT_TOTAL_COUNT_CAP);
  }

  /** These settings with counters turned on or off. */
  public CounterSettings withEnabled(boolean v) {
    return new CounterSettings(v, stripes, totalCountCap);
  }

  /** These settings with another number of stripes. */
  public CounterSettings withStripes(int v) {
    return new CounterSettings(enabled, v, totalCountCap);
  }

  /** These settings with another cap on counted totals. */
  public CounterSettings withTotalCountCap(long v) {
    return new CounterSettings(enabled, stripes, v);
  }
}
