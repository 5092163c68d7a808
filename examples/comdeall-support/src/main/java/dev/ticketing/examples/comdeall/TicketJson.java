package dev.ticketing.examples.comdeall;

import dev.ticketing.CommentView;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketView;
import dev.ticketing.UserView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tickets and notes as the module's clients read them: snake_case fields, the subject by id and
 * label, the module's statuses ({@code PENDING} for a ticket not yet resolved).
 */
final class TicketJson {
  private TicketJson() {}

  /** The module knows PENDING and RESOLVED; the library's OPEN is PENDING, other statuses keep their names. */
  static String status(Status status) {
    return status == Status.OPEN ? "PENDING" : status.name();
  }

  static Map<String, Object> ticket(TicketView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("subject_id", t.subject().id());
    m.put("subject_label", t.subject().label());
    m.put("description", t.description());
    m.put("status", status(t.status()));
    m.put("user_id", t.user().id());
    m.put("user", user(t.user()));
    m.put("notes_count", t.count().comments());
    m.put("created_at", t.createdAt().toString());
    m.put("updated_at", t.updatedAt().toString());
    m.put("resolved_at", t.resolvedAt() == null ? null : t.resolvedAt().toString());
    return m;
  }

  static Map<String, Object> details(TicketDetails d) {
    Map<String, Object> m = ticket(d.ticket());
    m.put("notes", d.comments().stream().map(TicketJson::note).toList());
    return m;
  }

  static Map<String, Object> note(CommentView c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("support_id", c.ticketId());
    m.put("description", c.content());
    m.put("author", user(c.user()));
    m.put("created_at", c.createdAt().toString());
    return m;
  }

  /** The output object of the {@code create_support_ticket} action. */
  static Map<String, Object> created(TicketView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("subject_id", t.subject().id());
    m.put("description", t.description());
    m.put("status", status(t.status()));
    m.put("created_at", t.createdAt().toString());
    return m;
  }

  private static Map<String, Object> user(UserView u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("first_name", u.firstName());
    m.put("last_name", u.lastName());
    m.put("role", u.roleName());
    return m;
  }

  static Map<String, Object> pageInfo(@Nullable String endCursor, boolean hasNextPage) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("end_cursor", endCursor);
    m.put("has_next_page", hasNextPage);
    return m;
  }

  static Map<String, Object> envelope(String message, Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", "SUCCESS");
    m.put("message", message);
    m.put("data", data);
    return m;
  }
}
