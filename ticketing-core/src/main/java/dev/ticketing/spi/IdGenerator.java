package dev.ticketing.spi;

/**
 * Makes ids for tickets, comments, attachments, audit entries and notifications. The default makes
 * time-ordered UUIDs (version 7), which keep index inserts local.
 */
@FunctionalInterface
public interface IdGenerator {
  String newId();
}
