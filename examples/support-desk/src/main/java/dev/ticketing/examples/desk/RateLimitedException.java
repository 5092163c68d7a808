package dev.ticketing.examples.desk;

import java.time.Duration;

/** A caller made more writes than {@code desk.limits.writes} allows; it may try again after {@link #retryAfter()}. */
final class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  RateLimitedException(Duration retryAfter) {
    super("too many writes: try again in " + TokenBuckets.seconds(retryAfter) + " s");
    this.retryAfter = retryAfter;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  long retryAfterSeconds() {
    return TokenBuckets.seconds(retryAfter);
  }
}
