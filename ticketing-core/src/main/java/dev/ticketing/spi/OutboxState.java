package dev.ticketing.spi;

/**
 * Where a notification stands.
 *
 * @since 0.1.0
 */
public enum OutboxState {
  /** Waiting for (another) delivery attempt, possibly claimed by a dispatcher right now. */
  PENDING,
  DELIVERED,
  /** Gave up after the configured attempts; an operator may re-drive it. */
  DEAD
}
