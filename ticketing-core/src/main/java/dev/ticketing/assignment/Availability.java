package dev.ticketing.assignment;

/**
 * Whether an agent takes new tickets now. Away agents keep the tickets they have; automatic
 * assignment passes them over.
 *
 * @since 0.2.0
 */
public enum Availability {
  /** Takes new tickets, up to their capacity. */
  AVAILABLE,
  /** Takes none (break, holiday, end of shift). */
  AWAY
}
