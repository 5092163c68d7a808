package dev.ticketing.examples.desk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One token bucket (Bucket4j) per key: {@code capacity} tokens, granted again evenly over {@code
 * period}. Keys may come from unauthenticated clients (account names, addresses), so the buckets
 * live in a cache bounded in size; one unused for a whole period is full again anyway and is
 * forgotten.
 */
final class TokenBuckets {
  private final Bandwidth bandwidth;
  private final Cache<String, Bucket> buckets;

  TokenBuckets(long capacity, Duration period, long maxKeys) {
    if (capacity < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "a limit needs a positive capacity and period: " + capacity + " per " + period);
    }
    this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
  }

  /** Takes a token for {@code key}: empty when granted, otherwise how long until one is. */
  Optional<Duration> take(String key) {
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Whether {@code key} has a token left, without taking it: empty when it has, otherwise how long until it has. */
  Optional<Duration> waitFor(String key) {
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket == null) {
      return Optional.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Tokens left for {@code key}. */
  long available(String key) {
    Bucket bucket = buckets.getIfPresent(key);
    return bucket == null ? bandwidth.getCapacity() : bucket.getAvailableTokens();
  }

  private Bucket bucket(String key) {
    return buckets.get(key, k -> Bucket.builder().addLimit(bandwidth).build());
  }

  /** Whole seconds to wait, rounded up, at least one: the value of a {@code Retry-After} header. */
  static long seconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
