package dev.ticketing.notification;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How often and how far apart failed deliveries are retried before a notification becomes a dead
 * letter.
 *
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param initialDelay the wait after the first failure
 * @param multiplier growth of the wait after each further failure (1 = fixed interval)
 * @param maxDelay the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

  /** 10 attempts, waiting 10 s, 20 s, 40 s ... up to 15 minutes. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(10, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15));

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
  }

  /** Seed 001's Hasura retry configuration: a fixed interval. */
  public static RetryPolicy fixed(int maxAttempts, Duration interval) {
    return new RetryPolicy(maxAttempts, interval, 1.0, interval);
  }

  /** Exponential back-off. */
  public static RetryPolicy exponential(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return new RetryPolicy(maxAttempts, initialDelay, 2.0, maxDelay);
  }

  /**
   * The wait before the next attempt after {@code failedAttempts} failures, or null when no
   * attempt is left.
   */
  public @Nullable Duration delayAfter(int failedAttempts) {
    if (failedAttempts >= maxAttempts) {
      return null;
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }
}
