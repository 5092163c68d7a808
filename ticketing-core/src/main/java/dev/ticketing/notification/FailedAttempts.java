package dev.ticketing.notification;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a failed attempt on an outbox row: schedules the retry its {@link RetryPolicy} asks for,
 * or leaves the row a dead letter when the retries have run out. Shared by resolving recipients and
 * delivering, which back off the same way with different policies.
 */
final class FailedAttempts {

  /** The longest error text kept on a row; stack traces of some drivers run to megabytes. */
  static final int MAX_ERROR_LENGTH = 2000;

  // Logged under the dispatcher's name: operators filter the outbox's log by that one logger.
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final String owner;
  private final Clock clock;

  FailedAttempts(OutboxStore outbox, String owner, Clock clock) {
    this.outbox = outbox;
    this.owner = owner;
    this.clock = clock;
  }

  void record(OutboxEntry entry, int attempts, RetryPolicy retry, Throwable e) {
    Duration delay = retry.delayAfter(attempts);
    @Nullable Instant retryAt = delay == null ? null : clock.instant().plus(delay);
    String error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    String what =
        entry.resolvesRecipients()
            ? "Resolving the recipients of notification request"
            : "Delivery";
    if (!outbox.markFailed(entry.id(), owner, attempts, retryAt, truncate(error))) {
      log.warn(
          "Lost the lease on outbox row {} ({}) while it failed; another dispatcher retries it",
          entry.id(),
          entry.channel());
    } else if (retryAt == null) {
      log.error(
          "{} {} ({}, channel {}) is a dead letter after attempt {}: {}",
          what,
          entry.id(),
          entry.request().template(),
          entry.channel(),
          attempts,
          error);
    } else {
      log.warn(
          "{} {} ({}, channel {}) failed, attempt {} of {}; retrying at {}: {}",
          what,
          entry.id(),
          entry.request().template(),
          entry.channel(),
          attempts,
          retry.maxAttempts(),
          retryAt,
          error);
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
  }
}
