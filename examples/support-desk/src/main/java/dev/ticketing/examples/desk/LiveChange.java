package dev.ticketing.examples.desk;

import dev.ticketing.AuditAction;
import dev.ticketing.notification.TicketEvent;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One committed change of a ticket as the live events tell it, and as the desk instances hand it to
 * each other: the ticket's id, the kind of change, the ticket's version after it, when, whether only
 * staff who read internal notes may hear of it, and the values the change replaced of the fields
 * that decide who sees the ticket (so that whoever could see it before hears that it left them).
 *
 * @param eventId the id of the library's ticket event: the same on every delivery of one change
 * @param former the old values of {@code assignedTo}, {@code ccs} (space-separated) and {@code
 *     requesterId} when the change replaced them (an absent key: unchanged; a null value: there was
 *     none)
 */
record LiveChange(
    String eventId,
    String ticketId,
    String kind,
    long version,
    Instant at,
    boolean internal,
    Map<String, @Nullable String> former) {

  private static final JsonMapper JSON = JsonMapper.shared();

  /** The fields whose old values decide who could see the ticket before the change. */
  static final java.util.Set<String> AUDIENCE_FIELDS =
      java.util.Set.of("assignedTo", "ccs", "requesterId");

  LiveChange {
    former = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(former));
  }

  /** The change a ticket event tells of; {@code internalFile}: it added a file to an internal note. */
  static LiveChange of(TicketEvent event, boolean internalFile) {
    Map<String, @Nullable String> former = new LinkedHashMap<>();
    for (TicketEvent.Change c : event.changes()) {
      if (AUDIENCE_FIELDS.contains(c.field())) {
        former.put(c.field(), c.oldValue());
      }
    }
    String kind = kind(event.action(), event.internalNote());
    return new LiveChange(
        event.id(),
        event.ticketId(),
        kind,
        event.ticket().version(),
        event.at(),
        event.internalNote() || internalFile,
        former);
  }

  /** The kind of change an audit action is, as clients see it. */
  static String kind(AuditAction action, boolean internalNote) {
    return switch (action) {
      case CREATED -> "created";
      case STATUS_CHANGED, TICKET_RESOLVED, TICKET_CLOSED, TICKET_REOPENED, TICKET_CANCELLED ->
          "status";
      case TICKET_ASSIGNED, TICKET_UNASSIGNED -> "assigned";
      case TICKET_COMMENT_ADDED -> internalNote ? "note" : "commented";
      case ATTACHMENT_ADDED -> "attachment";
      case DELETED, PURGED -> "deleted";
      case RESTORED -> "restored";
      case TICKET_MERGED, TICKET_UNMERGED -> "merged";
      case TICKET_LINKED, TICKET_UNLINKED -> "linked";
      case SLA_WARNING, SLA_BREACHED -> "sla";
      // Edits, tags, participants, custom fields, macros, ratings, and whatever a later version
      // adds: the ticket changed, refetch it.
      default -> "updated";
    };
  }

  /**
   * The ticket as it stood before this change, as far as who may see it goes: {@code ticket} with
   * the assignee, the CCs and the requester the change replaced; null when it replaced none.
   */
  @Nullable TicketRecord before(TicketRecord ticket) {
    if (former.isEmpty()) {
      return null;
    }
    TicketRecord.Builder b = ticket.edit();
    former.forEach(
        (field, old) -> {
          switch (field) {
            case "assignedTo" -> b.assigneeId(old);
            case "ccs" -> b.ccIds(old == null ? List.of() : List.of(old.split(" ")));
            case "requesterId" -> {
              if (old != null) {
                b.requesterId(old);
              }
            }
            default -> {}
          }
        });
    return b.build();
  }

  /** Its form between desk instances: small JSON (PostgreSQL's notifications take 8,000 bytes). */
  String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("e", eventId);
    m.put("t", ticketId);
    m.put("k", kind);
    m.put("v", version);
    m.put("a", at.toString());
    m.put("i", internal);
    m.put("f", former);
    return JSON.writeValueAsString(m);
  }

  /** Reads {@link #toJson()}. */
  static LiveChange fromJson(String json) {
    JsonNode n = JSON.readTree(json);
    Map<String, @Nullable String> former = new LinkedHashMap<>();
    n.path("f")
        .properties()
        .forEach(
            e -> former.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    return new LiveChange(
        n.path("e").asString(),
        n.path("t").asString(),
        n.path("k").asString(),
        n.path("v").asLong(),
        Instant.parse(n.path("a").asString()),
        n.path("i").asBoolean(),
        former);
  }
}
