package dev.ticketing.examples.desk;

import java.time.Duration;

/**
 * A caller made more writes (or rating attempts) than {@code desk.limits} allows; it may try again
 * after {@link #retryAfter()}.
 */
final class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  RateLimitedException(Duration retryAfter) {
    this("writes", retryAfter);
  }

  /** Refuses {@code what} ("writes", "rating attempts") until {@code retryAfter} has passed. */
  RateLimitedException(String what, Duration retryAfter) {
    super("too many " + what + ": try again in " + TokenBuckets.seconds(retryAfter) + " s");
    this.retryAfter = retryAfter;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  long retryAfterSeconds() {
    return TokenBuckets.seconds(retryAfter);
  }
}
