package dev.ticketing;

/**
 * How a listing's tags filter matches: tickets with any of the tags, or with all of them.
 *
 * @since 0.1.0
 */
public enum TagMatch {
  /** Tickets with at least one of the tags. */
  ANY,
  /** Tickets with every one of the tags. */
  ALL
}
