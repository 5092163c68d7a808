package dev.ticketing.sla;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.FieldChange;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.policy.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads clock events off a ticket's audit log: the log is the one record of what happened, so the
 * clocks can always be worked out again from it. A public comment is a reply whoever recorded it
 * (a customer's note that a host's system recorded counts as the customer's reply); audit entries
 * the SLA engine writes itself are not events.
 *
 * @since 0.1.0
 */
public final class SlaEvents {

  private static final String FIELDS = "fields.";

  private SlaEvents() {}

  /** The events of a whole history, oldest first. */
  public static List<SlaEvent> of(List<AuditEntry> history) {
    List<SlaEvent> events = new ArrayList<>();
    for (AuditEntry e : history) {
      events.addAll(of(e.action(), e.actorRole(), e.at(), e.changes()));
    }
    return events;
  }

  /** The events one audit entry records (none, one, or a reclassification and a status move). */
  public static List<SlaEvent> of(
      AuditAction action, Role actorRole, Instant at, List<FieldChange> changes) {
    if (action == AuditAction.PURGED) {
      return List.of();
    }
    if (action == AuditAction.CREATED) {
      String status = newValue(changes, "status");
      String priority = newValue(changes, "priority");
      String category = newValue(changes, "category");
      String company = newValue(changes, "companyId");
      if (status == null || priority == null || category == null || company == null) {
        return List.of();
      }
      return List.of(
          new SlaEvent.Created(
              at,
              Status.valueOf(status),
              Priority.valueOf(priority),
              new Category(category),
              company,
              tags(newValue(changes, "tags")),
              fieldsSet(changes)));
    }
    if (action == AuditAction.TICKET_COMMENT_ADDED) {
      return "false".equals(newValue(changes, "internal"))
          ? List.of(new SlaEvent.Replied(at, actorRole.isStaff()))
          : List.of();
    }
    List<SlaEvent> events = new ArrayList<>(2);
    String priority = newValue(changes, "priority");
    String category = newValue(changes, "category");
    String company = newValue(changes, "companyId");
    boolean retagged = changes.stream().anyMatch(c -> c.field().equals("tags"));
    Map<String, String> fieldsSet = fieldsSet(changes);
    Set<String> fieldsCleared = fieldsCleared(changes);
    boolean refielded = !fieldsSet.isEmpty() || !fieldsCleared.isEmpty();
    if (priority != null || category != null || company != null || retagged || refielded) {
      events.add(
          new SlaEvent.Reclassified(
              at,
              priority == null ? null : Priority.valueOf(priority),
              category == null ? null : new Category(category),
              company,
              retagged ? tags(newValue(changes, "tags")) : null,
              fieldsSet,
              fieldsCleared));
    }
    for (FieldChange c : changes) {
      if (c.field().equals("status") && c.oldValue() != null && c.newValue() != null) {
        events.add(
            new SlaEvent.StatusChanged(
                at, Status.valueOf(c.oldValue()), Status.valueOf(c.newValue())));
      }
    }
    return events;
  }

  /** Tags as the audit log writes them: separated by a space, null or empty for none. */
  private static Set<String> tags(@Nullable String joined) {
    if (joined == null || joined.isBlank()) {
      return Set.of();
    }
    return Set.of(joined.trim().split(" +"));
  }

  /** Custom field values an entry gives ({@code fields.<key>} changes with a new value). */
  private static Map<String, String> fieldsSet(List<FieldChange> changes) {
    Map<String, String> set = new HashMap<>();
    for (FieldChange c : changes) {
      if (c.field().startsWith(FIELDS) && c.newValue() != null) {
        set.put(c.field().substring(FIELDS.length()), c.newValue());
      }
    }
    return set;
  }

  /** Custom fields an entry clears ({@code fields.<key>} changes without a new value). */
  private static Set<String> fieldsCleared(List<FieldChange> changes) {
    Set<String> cleared = new HashSet<>();
    for (FieldChange c : changes) {
      if (c.field().startsWith(FIELDS) && c.newValue() == null) {
        cleared.add(c.field().substring(FIELDS.length()));
      }
    }
    return cleared;
  }

  private static @Nullable String newValue(List<FieldChange> changes, String field) {
    for (FieldChange c : changes) {
      if (c.field().equals(field)) {
        return c.newValue();
      }
    }
    return null;
  }
}
