package dev.ticketing.sla;

/**
 * What a support team promises, each measured by its own clock.
 *
 * @since 0.1.0
 */
public enum SlaTarget {
  /** Until the first public reply of staff; started when the ticket is created. */
  FIRST_RESPONSE,
  /**
   * Until staff answer a customer's public reply; started by a customer reply when no response is
   * owed yet, a new cycle each time.
   */
  NEXT_RESPONSE,
  /** Until the ticket is resolved (or closed); started when the ticket is created. */
  RESOLUTION
}
