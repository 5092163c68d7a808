package dev.ticketing.automation;

/**
 * What a trigger reacts to: one kind of change of a ticket. A change of several kinds (an
 * assignment that also starts work) is each of them.
 *
 * @since 0.2
 */
public enum RuleEvent {
  /** The ticket was created. */
  CREATED,
  /** Title, description, priority, category or custom field values changed. */
  UPDATED,
  /** The status moved (including resolve, close, reopen, cancel). */
  STATUS_CHANGED,
  /** A public reply was added (by anyone: combine with an actor condition). */
  PUBLIC_COMMENT,
  /** An internal note was added. */
  INTERNAL_NOTE,
  /** The ticket was assigned or unassigned. */
  ASSIGNED,
  /** Tags were added or removed. */
  TAGS_CHANGED,
  /** The SLA scheduler raised a warning. */
  SLA_WARNING,
  /** The SLA scheduler raised a breach. */
  SLA_BREACHED
}
