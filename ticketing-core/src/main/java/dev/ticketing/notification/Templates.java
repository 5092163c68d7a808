package dev.ticketing.notification;

import java.util.List;

/**
 * Template names of the notifications the engine produces (the Comdeall support module's names
 * where it has them). Channels pick their email subject and body, or push text, by these names.
 *
 * @since 0.1.0
 */
public final class Templates {
  /** A ticket was created; to the admins. */
  public static final String TICKET_CREATED = "ticket-created";

  /** A public reply; to the owner (staff reply) or to the assignee / admins (customer reply). */
  public static final String COMMENT_ADDED = "comment-added";

  /** An internal note; to the assignee when someone else wrote it. Never to a customer. */
  public static final String INTERNAL_NOTE_ADDED = "internal-note-added";

  /** A note recorded from the host's system (the Comdeall support module); to the owner. */
  public static final String NOTE_ADDED = "note-added";

  /** The ticket was assigned; to the assignee. */
  public static final String TICKET_ASSIGNED = "ticket-assigned";

  /** The ticket was resolved; to the owner (the Comdeall support module's name). */
  public static final String TICKET_RESOLVED = "support-ticket-resolved";

  /** The ticket was closed; to the owner. */
  public static final String TICKET_CLOSED = "ticket-closed";

  /** The ticket was reopened; to the assignee, or the admins when unassigned. */
  public static final String TICKET_REOPENED = "ticket-reopened";

  /** Every template name above, in this order. */
  public static final List<String> ALL =
      List.of(
          TICKET_CREATED,
          COMMENT_ADDED,
          INTERNAL_NOTE_ADDED,
          NOTE_ADDED,
          TICKET_ASSIGNED,
          TICKET_RESOLVED,
          TICKET_CLOSED,
          TICKET_REOPENED);

  private Templates() {}
}
