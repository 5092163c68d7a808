package dev.ticketing;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the times the host's directory failed where the engine carries on without it: views
 * assembled after a committed write or for a read (the users and companies then show as unknown),
 * and recipients of notifications (their delivery then waits and is retried). Each failure is also
 * logged. Spring Boot hosts see the counts as the {@code ticketing.directory.failures} metric.
 *
 * @since 0.2.0
 */
public final class DirectoryFailures {
  private final LongAdder views = new LongAdder();
  private final LongAdder recipients = new LongAdder();

  /** Failures while assembling views. */
  public long views() {
    return views.sum();
  }

  /** Failures while resolving the recipients of notifications. */
  public long recipients() {
    return recipients.sum();
  }

  /** Every failure counted. */
  public long total() {
    return views() + recipients();
  }

  /** Counts a failure while assembling a view (called by the engine). */
  public void viewFailed() {
    views.increment();
  }

  /** Counts a failure while resolving recipients (called by the engine). */
  public void recipientsFailed() {
    recipients.increment();
  }
}
