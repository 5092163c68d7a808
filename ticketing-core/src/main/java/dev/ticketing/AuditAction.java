package dev.ticketing;

/**
 * What an audit entry records. Status changes use the named action where there is one.
 *
 * @since 0.1.0
 */
public enum AuditAction {
  CREATED,
  UPDATED,
  STATUS_CHANGED,
  TICKET_ASSIGNED,
  TICKET_UNASSIGNED,
  TICKET_COMMENT_ADDED,
  TICKET_RESOLVED,
  TICKET_CLOSED,
  TICKET_REOPENED,
  TICKET_CANCELLED,
  ATTACHMENT_ADDED,
  DELETED,
  RESTORED,
  PURGED,
  /**
   * Tags were added or removed; the change lists the tags before and after.
   *
   * @since 0.1.0
   */
  TAGS_CHANGED,
  /**
   * Followers or CCs were added or removed; the change lists each before and after.
   *
   * @since 0.1.0
   */
  PARTICIPANTS_CHANGED,
  /**
   * Custom field values were set or cleared; the change lists each field as {@code fields.<key>}
   * with its value before and after.
   *
   * @since 0.2.0
   */
  FIELDS_CHANGED,
  /**
   *
   * A service-level target's remaining time fell to its policy's warning lead. Written by the SLA
   * scheduler, once per (ticket, target, cycle).
   *
   * @since 0.1.0
   */
  SLA_WARNING,
  /**
   * A service-level target reached its due time unmet. Written by the SLA scheduler, once per
   * (ticket, target, cycle).
   *
   * @since 0.1.0
   */
  SLA_BREACHED,
  /**
   * Linked to another ticket (on both tickets).
   *
   * @since 0.2.0
   */
  TICKET_LINKED,
  /**
   * A link to another ticket removed (on both tickets).
   *
   * @since 0.2.0
   */
  TICKET_UNLINKED,
  /**
   * Merged: on the source, closed and pointing to the target; on the target, the source named.
   *
   * @since 0.2.0
   */
  TICKET_MERGED,
  /**
   * A merge undone, on the source (its status restored) and on the target.
   *
   * @since 0.2.0
   */
  TICKET_UNMERGED,
  /**
   * A macro was applied; written after the entries of the changes it made, naming the macro.
   *
   * @since 0.2.0
   */
  MACRO_APPLIED,
  /**
   * The requester rated the ticket; the change gives the score.
   *
   * @since 0.2.0
   */
  TICKET_RATED;

  /** The action that records entering a status. */
  public static AuditAction forStatus(Status target) {
    return switch (target) {
      case RESOLVED -> TICKET_RESOLVED;
      case CLOSED -> TICKET_CLOSED;
      case REOPENED -> TICKET_REOPENED;
      case CANCELLED -> TICKET_CANCELLED;
      default -> STATUS_CHANGED;
    };
  }
}
