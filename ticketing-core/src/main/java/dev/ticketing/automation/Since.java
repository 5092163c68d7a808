package dev.ticketing.automation;

/**
 * The moment a duration condition counts from, and what makes a new cycle of a time rule: a time
 * rule fires at most once per (rule, ticket, cycle), and a new cycle starts when this moment moves.
 *
 * @since 0.2
 */
public enum Since {
  /** The last status change (or the creation); a cycle is one status period. */
  STATUS_CHANGE,
  /** The last change of any kind; a cycle is one quiet period. */
  UPDATE,
  /** The last public reply (or the creation when none); a cycle is one reply period. */
  LAST_REPLY
}
