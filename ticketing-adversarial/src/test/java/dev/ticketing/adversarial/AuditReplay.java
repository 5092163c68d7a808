package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.FieldChange;
import dev.ticketing.Status;
import dev.ticketing.workflow.TransitionTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a ticket's audit log from its CREATED entry: every change must start from the value the
 * entries before it left (otherwise some update was lost, or the log is out of order), and every
 * status change must be a transition of the state machine (soft delete and restore aside, which
 * work from any status by design). The result is the ticket as the log says it must be.
 */
final class AuditReplay {

  /** Entries that change the ticket row (and so its version); comments and files do not. */
  static final Set<AuditAction> ROW_CHANGES =
      EnumSet.complementOf(
          EnumSet.of(
              AuditAction.CREATED,
              AuditAction.TICKET_COMMENT_ADDED,
              AuditAction.ATTACHMENT_ADDED,
              AuditAction.PURGED));

  final Map<String, String> fields = new HashMap<>();
  final List<String> statusPath = new ArrayList<>();
  Instant resolvedAt;
  Instant closedAt;
  Instant updatedAt;
  long version;
  int comments;

  static AuditReplay of(List<AuditEntry> log, TransitionTable transitions) {
    return of(log, transitions, Map.of());
  }

  /** With values the CREATED entry does not record (the description) known from elsewhere. */
  static AuditReplay of(
      List<AuditEntry> log, TransitionTable transitions, Map<String, String> created) {
    AuditReplay r = new AuditReplay();
    r.fields.putAll(created);
    assertThat(log).as("the log starts with the ticket's creation").isNotEmpty();
    assertThat(log.get(0).action()).isEqualTo(AuditAction.CREATED);
    for (int i = 0; i < log.size(); i++) {
      AuditEntry e = log.get(i);
      if (i > 0) {
        assertThat(e.action()).as("entry %d", i).isNotEqualTo(AuditAction.CREATED);
        assertThat(e.at())
            .as("entry %d is not older than the one before", i)
            .isAfterOrEqualTo(log.get(i - 1).at());
      }
      r.apply(e, transitions, i);
    }
    return r;
  }

  private void apply(AuditEntry e, TransitionTable transitions, int index) {
    if (e.action() == AuditAction.CREATED) {
      for (FieldChange c : e.changes()) {
        fields.put(c.field(), c.newValue());
      }
      fields.putIfAbsent("assignedTo", null);
      statusPath.add(fields.get("status"));
      updatedAt = e.at();
      return;
    }
    if (e.action() == AuditAction.TICKET_COMMENT_ADDED) {
      comments++;
    }
    for (FieldChange c : e.changes()) {
      String field = c.field();
      if (!List.of("title", "description", "priority", "category", "status", "assignedTo")
          .contains(field)) {
        continue;
      }
      if (fields.containsKey(field)) {
        assertThat(c.oldValue())
            .as(
                "entry %d (%s) changed %s from what the log had left: a lost update or a"
                    + " reordered log",
                index, e.action(), field)
            .isEqualTo(fields.get(field));
      }
      if (field.equals("status")) {
        Status from = Status.valueOf(c.oldValue());
        Status to = Status.valueOf(c.newValue());
        if (e.action() != AuditAction.DELETED && e.action() != AuditAction.RESTORED) {
          assertThat(transitions.allows(from, to))
              .as("entry %d: %s -> %s is a transition of the state machine", index, from, to)
              .isTrue();
        }
        switch (to) {
          case RESOLVED -> resolvedAt = e.at();
          case CLOSED -> closedAt = e.at();
          case REOPENED -> {
            resolvedAt = null;
            closedAt = null;
          }
          default -> {}
        }
        statusPath.add(to.name());
      }
      fields.put(field, c.newValue());
    }
    if (ROW_CHANGES.contains(e.action())) {
      version++;
      updatedAt = e.at();
    }
  }
}
