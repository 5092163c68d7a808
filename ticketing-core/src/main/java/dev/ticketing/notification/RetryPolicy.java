package dev.ticketing.notification;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How often and how far apart a failed delivery is retried before it becomes a dead letter. Counts
 * <em>retries after the first attempt</em>, as Hasura's event triggers do: {@code maxRetries = 10}
 * means one attempt plus up to ten retries, eleven attempts in all.
 *
 * @param maxRetries retries after the first attempt (0: the first failure is final)
 * @param initialDelay the wait before the first retry
 * @param multiplier growth of the wait before each further retry (1 = fixed interval)
 * @param maxDelay the longest wait
 * @since 0.1.0
 */
public record RetryPolicy(
    int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay) {

  /** The default back-off: 10 retries, waiting 10 s, 20 s, 40 s ... up to 15 minutes (about 66 minutes in all). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(10, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15));

  /**
   * Hasura's event trigger ({@code num_retries: 10, interval_sec: 10}): 10 retries, 10 s
   * apart.
   */
  public static final RetryPolicy HASURA = fixed(10, Duration.ofSeconds(10));

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (multiplier < 1.0 || Double.isNaN(multiplier) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
  }

  /** The same wait before every retry. */
  public static RetryPolicy fixed(int maxRetries, Duration interval) {
    return new RetryPolicy(maxRetries, interval, 1.0, interval);
  }

  /** A wait that doubles before each retry, from {@code initialDelay} up to {@code maxDelay}. */
  public static RetryPolicy exponential(int maxRetries, Duration initialDelay, Duration maxDelay) {
    return new RetryPolicy(maxRetries, initialDelay, 2.0, maxDelay);
  }

  /** No retry: the first failure is a dead letter. */
  public static RetryPolicy none() {
    return fixed(0, Duration.ZERO);
  }

  /** Attempts in all: the first one plus {@link #maxRetries()}. */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * The wait before the next attempt once {@code failedAttempts} attempts have failed (the first
   * one included), or null when no retry is left.
   */
  public @Nullable Duration delayAfter(int failedAttempts) {
    int retriesMade = Math.max(0, failedAttempts - 1);
    if (retriesMade >= maxRetries) {
      return null;
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, retriesMade);
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }
}
