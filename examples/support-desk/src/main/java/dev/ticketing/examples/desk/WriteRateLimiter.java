package dev.ticketing.examples.desk;

import org.springframework.stereotype.Component;

/**
 * Per-user rate of writes ({@code desk.limits.writes}): each GraphQL mutation field and each bulk
 * resolve takes one token of the signed-in user's bucket; an empty bucket refuses the write with
 * {@code RATE_LIMITED} and the time until the next token. Reads are bounded by the GraphQL cost
 * limits instead.
 */
@Component
class WriteRateLimiter {
  private final TokenBuckets buckets;

  WriteRateLimiter(DeskLimits limits) {
    this.buckets =
        new TokenBuckets(
            limits.writes().capacity(), limits.writes().period(), limits.login().tracked());
  }

  /** Takes a write token for {@code user}; throws {@link RateLimitedException} when there is none. */
  void acquire(String user) {
    buckets
        .take(user)
        .ifPresent(
            wait -> {
              throw new RateLimitedException(wait);
            });
  }
}
