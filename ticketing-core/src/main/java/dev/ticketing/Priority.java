package dev.ticketing;

/** How urgent a ticket is. */
public enum Priority {
  LOW,
  MEDIUM,
  HIGH,
  URGENT
}
