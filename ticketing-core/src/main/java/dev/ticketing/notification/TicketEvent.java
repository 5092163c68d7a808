package dev.ticketing.notification;

import dev.ticketing.AuditAction;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change of a ticket, as a stream of events tells it: what its audit entry says, the
 * ticket as it stands after the change, and the comment it added with its text. Written to the
 * outbox in the change's unit of work, as a request of template {@link #TEMPLATE} that only {@link
 * dev.ticketing.spi.TicketEventNotifier event channels} receive.
 *
 * <p>The text of an internal note and the values of staff-only custom fields are in the event; a
 * channel that publishes to readers who are not staff sends {@link #withoutStaffContent()}.
 *
 * @param id unique, stable across retries, and ordered: of two events of one ticket, the later
 *     change has the greater id (it starts with the change's time in microseconds and a counter)
 * @param ticketId the ticket
 * @param action what the audit entry records
 * @param actorId who made the change
 * @param actorRole in which role
 * @param at when
 * @param ticket the ticket after the change
 * @param changes the fields the audit entry lists, old to new
 * @param comment the comment the change added, or null
 * @since 0.2.0
 */
public record TicketEvent(
    String id,
    String ticketId,
    AuditAction action,
    String actorId,
    Role actorRole,
    Instant at,
    Snapshot ticket,
    List<Change> changes,
    @Nullable Comment comment) {

  /** The template of the outbox requests that carry ticket events. */
  public static final NotificationTemplate TEMPLATE = new NotificationTemplate("ticket-event");

  public TicketEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actorRole, "actorRole");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(ticket, "ticket");
    changes = List.copyOf(changes);
  }

  /**
   * The ticket after the change.
   *
   * @param version the ticket's optimistic-locking version after the change: never smaller for a
   *     later change of the same ticket
   * @param companyId the company
   * @param status the status
   * @param priority the priority
   * @param category the category
   * @param assigneeId the assignee, or null
   * @param requesterId the requester
   * @param createdBy who created it
   * @param title the title (empty after a purge)
   * @param tags the tags
   */
  public record Snapshot(
      long version,
      String companyId,
      String status,
      String priority,
      String category,
      @Nullable String assigneeId,
      String requesterId,
      String createdBy,
      String title,
      List<String> tags) {
    public Snapshot {
      Objects.requireNonNull(companyId, "companyId");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(requesterId, "requesterId");
      Objects.requireNonNull(createdBy, "createdBy");
      Objects.requireNonNull(title, "title");
      tags = List.copyOf(tags);
    }
  }

  /**
   * One field's change.
   *
   * @param field the field, named as in the history ({@code status}, {@code fields.<key>}, ...)
   * @param oldValue before, or null
   * @param newValue after, or null
   * @param staffOnly whether the value is one customers never see (a staff-only custom field)
   */
  public record Change(
      String field, @Nullable String oldValue, @Nullable String newValue, boolean staffOnly) {
    public Change {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * The comment a change added.
   *
   * @param id the comment
   * @param authorId its author
   * @param internal whether it is an internal note, which customers never see
   * @param content its text; null when left out ({@link #withoutStaffContent()})
   */
  public record Comment(String id, String authorId, boolean internal, @Nullable String content) {
    public Comment {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(authorId, "authorId");
    }
  }

  /** Whether the change added an internal note. */
  public boolean internalNote() {
    Comment c = comment;
    return c != null && c.internal();
  }

  /**
   * The kind of event, in lower case with hyphens: the audit action without its {@code ticket-}
   * prefix ({@code created}, {@code status-changed}, {@code comment-added}, {@code resolved}, ...),
   * except that an internal note is {@code internal-note-added}.
   */
  public String kind() {
    if (internalNote()) {
      return "internal-note-added";
    }
    String name = action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    return name.startsWith("ticket-") ? name.substring("ticket-".length()) : name;
  }

  /**
   * This event as readers who are not staff may see it: an internal note's text and staff-only
   * field changes left out. The event itself stays, so every change of the ticket is still told.
   */
  public TicketEvent withoutStaffContent() {
    Comment c = comment;
    Comment visible = c != null && c.internal() ? new Comment(c.id(), c.authorId(), true, null) : c;
    List<Change> shown = changes.stream().filter(ch -> !ch.staffOnly()).toList();
    return new TicketEvent(id, ticketId, action, actorId, actorRole, at, ticket, shown, visible);
  }

  // ---- the outbox form: a request whose data holds the event, read back by the channel

  /** The outbox request carrying this event: no recipients, its data the event's fields. */
  public NotificationRequest toRequest() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("action", action.name());
    d.put("actorRole", actorRole.name());
    d.put("version", Long.toString(ticket.version()));
    d.put("companyId", ticket.companyId());
    d.put("status", ticket.status());
    d.put("priority", ticket.priority());
    d.put("category", ticket.category());
    putIfSet(d, "assigneeId", ticket.assigneeId());
    d.put("requesterId", ticket.requesterId());
    d.put("createdBy", ticket.createdBy());
    d.put("title", ticket.title());
    d.put("tags", String.join("\n", ticket.tags()));
    d.put("changes", Integer.toString(changes.size()));
    for (int i = 0; i < changes.size(); i++) {
      Change ch = changes.get(i);
      d.put("change." + i + ".field", ch.field());
      putIfSet(d, "change." + i + ".old", ch.oldValue());
      putIfSet(d, "change." + i + ".new", ch.newValue());
      if (ch.staffOnly()) {
        d.put("change." + i + ".staff", "true");
      }
    }
    Comment c = comment;
    if (c != null) {
      d.put("comment.authorId", c.authorId());
      d.put("comment.internal", Boolean.toString(c.internal()));
      putIfSet(d, "comment.content", c.content());
    }
    return new NotificationRequest(
        id, TEMPLATE, List.of(), ticketId, c == null ? null : c.id(), actorId, at, d);
  }

  /**
   * The event a notification of template {@link #TEMPLATE} carries; its id is the notification's.
   *
   * @throws IllegalArgumentException when the notification carries no ticket event
   */
  public static TicketEvent of(Notification n) {
    if (!TEMPLATE.equals(n.template())) {
      throw new IllegalArgumentException("not a ticket event: " + n.template().name());
    }
    Map<String, String> d = n.data();
    int count = Integer.parseInt(required(d, "changes"));
    List<Change> changes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      changes.add(
          new Change(
              required(d, "change." + i + ".field"),
              d.get("change." + i + ".old"),
              d.get("change." + i + ".new"),
              "true".equals(d.get("change." + i + ".staff"))));
    }
    String tags = d.getOrDefault("tags", "");
    Snapshot ticket =
        new Snapshot(
            Long.parseLong(required(d, "version")),
            required(d, "companyId"),
            required(d, "status"),
            required(d, "priority"),
            required(d, "category"),
            d.get("assigneeId"),
            required(d, "requesterId"),
            required(d, "createdBy"),
            d.getOrDefault("title", ""),
            tags.isEmpty() ? List.of() : Arrays.asList(tags.split("\n")));
    String commentId = n.commentId();
    Comment comment =
        commentId == null
            ? null
            : new Comment(
                commentId,
                required(d, "comment.authorId"),
                Boolean.parseBoolean(d.get("comment.internal")),
                d.get("comment.content"));
    return new TicketEvent(
        n.id(),
        n.ticketId(),
        AuditAction.valueOf(required(d, "action")),
        n.actorId(),
        Role.valueOf(required(d, "actorRole")),
        n.occurredAt(),
        ticket,
        changes,
        comment);
  }

  private static void putIfSet(Map<String, String> d, String key, @Nullable String value) {
    if (value != null) {
      d.put(key, value);
    }
  }

  private static String required(Map<String, String> d, String key) {
    String v = d.get(key);
    if (v == null) {
      throw new IllegalArgumentException("ticket event without " + key);
    }
    return v;
  }
}
