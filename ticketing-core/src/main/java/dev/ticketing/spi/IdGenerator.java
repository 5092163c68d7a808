package dev.ticketing.spi;

/**
 * Makes ids for tickets, comments, attachments, audit entries and notifications. The default makes
 * time-ordered UUIDs (version 7), which keep index inserts local.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IdGenerator {
  String newId();

  /** The default: version 7 UUIDs, time-ordered by the clock's milliseconds, the rest random. */
  static IdGenerator timeOrdered(java.time.Clock clock) {
    return new TimeOrderedIds(clock);
  }
}
