package dev.ticketing;

/**
 * How urgent a ticket is.
 *
 * @since 0.1.0
 */
public enum Priority {
  LOW,
  MEDIUM,
  HIGH,
  URGENT
}
