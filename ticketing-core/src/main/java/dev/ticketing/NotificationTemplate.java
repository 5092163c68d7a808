package dev.ticketing;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a kind of notification: what channels pick their e-mail subject and body, or push
 * text, by, and what {@link TicketingOptions#disabledNotifications()} switches off. The
 * notifications the engine produces are constants (the Comdeall support module's names where
 * it has them); the type is open, so a new capability of the engine (service-level clocks,
 * automations) brings its notifications as new constants and adds them to {@link #builtIns()}.
 *
 * @param name 1 to 100 lower-case letters, digits and single hyphens, starting with a letter, for
 *     example {@code ticket-created}; the name is what the outbox stores, what channels show as the
 *     notification's type, and the base name of its message files
 * @since 0.1.0
 */
public record NotificationTemplate(String name) {

  /** The longest name: the width of the outbox's template column. */
  public static final int MAX_LENGTH = 100;

  // Names become resource file names, mail headers and JSON values: a narrow alphabet keeps them
  // safe in all three without escaping.
  private static final Pattern WELL_FORMED = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  /** A ticket was created; to the admins. */
  public static final NotificationTemplate TICKET_CREATED =
      new NotificationTemplate("ticket-created");

  /** A public reply; to the owner (staff reply) or to the assignee / admins (customer reply). */
  public static final NotificationTemplate COMMENT_ADDED =
      new NotificationTemplate("comment-added");

  /** An internal note; to the assignee when someone else wrote it. Never to a customer. */
  public static final NotificationTemplate INTERNAL_NOTE_ADDED =
      new NotificationTemplate("internal-note-added");

  /** A note recorded from the host's system (the Comdeall support module); to the owner. */
  public static final NotificationTemplate NOTE_ADDED = new NotificationTemplate("note-added");

  /** The ticket was assigned; to the assignee. */
  public static final NotificationTemplate TICKET_ASSIGNED =
      new NotificationTemplate("ticket-assigned");

  /** The ticket was resolved; to the owner (the Comdeall support module's name). */
  public static final NotificationTemplate TICKET_RESOLVED =
      new NotificationTemplate("support-ticket-resolved");

  /** The ticket was closed; to the owner. */
  public static final NotificationTemplate TICKET_CLOSED =
      new NotificationTemplate("ticket-closed");

  /** The ticket was reopened; to the assignee, or the admins when unassigned. */
  public static final NotificationTemplate TICKET_REOPENED =
      new NotificationTemplate("ticket-reopened");

  /** A service-level target of a ticket is about to be missed; to the assignee, or the admins. */
  public static final NotificationTemplate SLA_WARNING = new NotificationTemplate("sla-warning");

  /** A service-level target of a ticket was missed; to the assignee, or the admins. */
  public static final NotificationTemplate SLA_BREACHED = new NotificationTemplate("sla-breached");

  /**
   * The ticket was merged into another, or another into it; to its requester, CCs and followers.
   *
   * @since 0.2.0
   */
  public static final NotificationTemplate TICKET_MERGED =
      new NotificationTemplate("ticket-merged");

  /**
   * A merge of or into the ticket was undone; to its requester, CCs and followers.
   *
   * @since 0.2.0
   */
  public static final NotificationTemplate TICKET_UNMERGED =
      new NotificationTemplate("ticket-unmerged");

  /**
   * A customer was copied on a ticket; to each customer added as a CC.
   *
   * @since 0.2.0
   */
  public static final NotificationTemplate CC_ADDED = new NotificationTemplate("cc-added");

  private static final List<NotificationTemplate> BUILT_INS =
      List.of(
          TICKET_CREATED,
          COMMENT_ADDED,
          INTERNAL_NOTE_ADDED,
          NOTE_ADDED,
          TICKET_ASSIGNED,
          TICKET_RESOLVED,
          TICKET_CLOSED,
          TICKET_REOPENED,
          SLA_WARNING,
          SLA_BREACHED,
          TICKET_MERGED,
          TICKET_UNMERGED,
          CC_ADDED);

  /**
   * A template of this name. Accepts any well-formed name, so a row the outbox wrote for a
   * notification of a newer version still reads back; configuration goes through {@link #of}.
   *
   * @throws IllegalArgumentException when the name is not well-formed
   */
  public NotificationTemplate {
    Objects.requireNonNull(name, "name");
    if (!isWellFormed(name)) {
      throw new IllegalArgumentException(
          "a notification template name must be 1 to "
              + MAX_LENGTH
              + " lower-case letters, digits and single hyphens starting with a letter, but was '"
              + name
              + "'");
    }
  }

  /**
   * Every notification the engine produces, in a stable order: the ones {@link
   * TicketingOptions.Builder#disableNotification} accepts.
   */
  public static List<NotificationTemplate> builtIns() {
    return BUILT_INS;
  }

  /**
   * The engine's template of this name, for names that come from configuration (for example {@code
   * ticketing.notifications.disabled}): a typo fails here rather than silently disabling nothing.
   *
   * @throws IllegalArgumentException when the name is not well-formed or not one of {@link
   *     #builtIns()}; the message lists the known names
   */
  public static NotificationTemplate of(String name) {
    Objects.requireNonNull(name, "name");
    for (NotificationTemplate t : BUILT_INS) {
      if (t.name.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown notification template '" + name + "'; known: " + BUILT_INS);
  }

  /** Whether the text is a well-formed template name (it need not be a built-in one). */
  public static boolean isWellFormed(String name) {
    return name.length() <= MAX_LENGTH && WELL_FORMED.matcher(name).matches();
  }

  /** The name, as it appears in the outbox, in headers and in message file names. */
  @Override
  public String toString() {
    return name;
  }
}
