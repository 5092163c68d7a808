package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConflictException;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.testsupport.Race;
import dev.ticketing.workflow.TransitionTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 32 writers released together on one ticket, on PostgreSQL and MariaDB, in rounds that start from
 * different statuses: status changes by an admin and by the assigned agent, assignments and
 * unassignments, edits by staff and by the customer, public replies, internal notes, customer
 * replies that trigger the automations, a bulk resolve. ticketing-jpa's FaultsIT counts audit
 * entries against the version; this test replays the audit log field by field instead: every
 * change starts from what the previous one left (no lost update), every status step is a
 * transition of the state machine, and the replay ends exactly at the row in the database — status,
 * assignee, title, description, priority, category, resolvedAt, closedAt, updatedAt, version. Every
 * comment that was accepted is stored exactly once, and none that was refused.
 */
class ConcurrentWritersIT {

  private static final int WRITERS = 32;

  private record Outcome(String op, Object result, Throwable failure) {}

  @ParameterizedTest
  @EnumSource(Db.class)
  void thirtyTwoWritersOnOneTicketLoseNothingAndTheLogReplaysToTheRow(Db db) throws Exception {
    db.truncate();
    try (Ticketing ticketing =
        Ticketing.builder()
            .store(db.newStore())
            .directory(Desk.DIRECTORY)
            .backgroundDispatch(false)
            .build()) {
      TicketService s = ticketing.service();
      String id =
          s.createTicket(Desk.JOHN, CreateTicket.of("Busy", "Everyone at once", "acme")).id();
      List<String> accepted = new ArrayList<>();
      Map<String, Long> summary = new TreeMap<>();
      int round = 0;
      for (Status start :
          List.of(
              Status.OPEN,
              Status.WAITING_FOR_CUSTOMER,
              Status.RESOLVED,
              Status.CLOSED,
              Status.IN_PROGRESS)) {
        prepare(s, id, start);
        accepted.addAll(round(s, id, round++, summary));
      }
      System.out.println("32 writers x 5 rounds on " + db + ": " + summary);

      // Every accepted comment exactly once; nothing of a refused one.
      List<String> stored =
          db.query("select id from ticketing_comment where ticket_id = ?", id).stream()
              .map(r -> (String) r.get(0))
              .toList();
      assertThat(stored).containsExactlyInAnyOrderElementsOf(accepted);
      List<AuditEntry> log = s.history(Desk.ADMIN, id);
      List<String> audited =
          log.stream()
              .flatMap(e -> e.changes().stream())
              .filter(c -> c.field().equals("commentId"))
              .map(c -> c.newValue())
              .toList();
      assertThat(audited)
          .as("one audit entry per comment")
          .containsExactlyInAnyOrderElementsOf(accepted);

      // The log replays, step by valid step, to the row.
      AuditReplay replay =
          AuditReplay.of(log, TransitionTable.STANDARD, Map.of("description", "Everyone at once"));
      List<Object> row =
          db.query(
                  "select status, assignee_id, title, description, priority, category, resolved_at,"
                      + " closed_at, updated_at, version from ticketing_ticket where id = ?",
                  id)
              .get(0);
      assertThat(row.get(0)).as("status").isEqualTo(replay.fields.get("status"));
      assertThat(row.get(1)).as("assignee").isEqualTo(replay.fields.get("assignedTo"));
      assertThat(row.get(2)).as("title").isEqualTo(replay.fields.get("title"));
      assertThat(row.get(3)).as("description").isEqualTo(replay.fields.get("description"));
      assertThat(row.get(4)).as("priority").isEqualTo(replay.fields.get("priority"));
      assertThat(row.get(5)).as("category").isEqualTo(replay.fields.get("category"));
      assertThat(instant(row.get(6))).as("resolvedAt").isEqualTo(replay.resolvedAt);
      assertThat(instant(row.get(7))).as("closedAt").isEqualTo(replay.closedAt);
      assertThat(instant(row.get(8))).as("updatedAt").isEqualTo(replay.updatedAt);
      assertThat(((Number) row.get(9)).longValue())
          .as("version: one per row change in the log")
          .isEqualTo(replay.version);
      assertThat(replay.statusPath.size())
          .as("status path %s", replay.statusPath)
          .isGreaterThan(10);
    }
  }

  /** Walks the ticket (as the admin) to a round's starting status, with Sarah assigned on the way. */
  private static void prepare(TicketService s, String id, Status start) {
    walk(s, id, Status.IN_PROGRESS);
    s.assignTicket(Desk.ADMIN, new AssignTicket(id, "sarah"));
    walk(s, id, start == Status.OPEN ? Status.IN_PROGRESS : start);
  }

  /** Shortest path through the state machine (never through CANCELLED); OPEN is only ever the first status. */
  private static void walk(TicketService s, String id, Status target) {
    Status now = s.ticket(Desk.ADMIN, id).ticket().status();
    Map<Status, Status> via = new HashMap<>();
    Deque<Status> queue = new ArrayDeque<>(List.of(now));
    via.put(now, now);
    while (!queue.isEmpty()) {
      Status at = queue.poll();
      for (Status next : TransitionTable.STANDARD.targets(at)) {
        if (next != Status.CANCELLED && !via.containsKey(next)) {
          via.put(next, at);
          queue.add(next);
        }
      }
    }
    List<Status> path = new ArrayList<>();
    for (Status at = target; at != now; at = via.get(at)) {
      path.add(0, at);
    }
    for (Status step : path) {
      s.changeStatus(Desk.ADMIN, new ChangeStatus(id, step));
    }
  }

  /** One round of 32 writers released together; returns the ids of the comments accepted. */
  private static List<String> round(
      TicketService s, String id, int round, Map<String, Long> summary) throws Exception {
    List<Status> targets =
        List.of(
            Status.IN_PROGRESS,
            Status.WAITING_FOR_CUSTOMER,
            Status.RESOLVED,
            Status.CLOSED,
            Status.REOPENED);
    List<String> ops = new ArrayList<>();
    List<Callable<Object>> calls = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      int k = i + round;
      String op;
      Callable<Object> call;
      switch (i % 16) {
        case 0, 1 -> {
          op = "admin status";
          call =
              () ->
                  s.changeStatus(Desk.ADMIN, new ChangeStatus(id, targets.get(k % targets.size())));
        }
        case 2 -> {
          op = "agent status";
          call =
              () ->
                  s.changeStatus(
                      Desk.SARAH, new ChangeStatus(id, targets.get((k + 2) % targets.size())));
        }
        case 3 -> {
          op = "assign";
          String who = k % 2 == 0 ? "sarah" : "mike";
          call = () -> s.assignTicket(Desk.ADMIN, new AssignTicket(id, who));
        }
        case 4 -> {
          op = "unassign";
          call = () -> s.assignTicket(Desk.ADMIN, new AssignTicket(id, null));
        }
        case 5 -> {
          op = "admin edit";
          call =
              () ->
                  s.updateTicket(
                      Desk.ADMIN,
                      new UpdateTicket(
                          id,
                          "Admin title " + k,
                          null,
                          Priority.values()[k % Priority.values().length],
                          null));
        }
        case 6 -> {
          op = "admin edit description";
          call =
              () ->
                  s.updateTicket(
                      Desk.ADMIN,
                      new UpdateTicket(
                          id,
                          null,
                          "Description " + k,
                          null,
                          List.of(
                                  Category.TECHNICAL,
                                  Category.BILLING,
                                  Category.ACCOUNT,
                                  Category.BUG_REPORT)
                              .get(k % 4)));
        }
        case 7 -> {
          op = "customer edit";
          call =
              () ->
                  s.updateTicket(
                      Desk.JOHN,
                      new UpdateTicket(
                          id, "Customer title " + k, "Customer words " + k, null, null));
        }
        case 8, 9 -> {
          op = "staff reply";
          call = () -> s.addComment(Desk.ADMIN, new AddComment(id, "Staff reply " + k, false));
        }
        case 10 -> {
          op = "internal note";
          call = () -> s.addComment(Desk.ADMIN, new AddComment(id, "Internal note " + k, true));
        }
        case 11 -> {
          op = "agent note";
          call = () -> s.addComment(Desk.SARAH, new AddComment(id, "Agent note " + k, true));
        }
        case 12, 13 -> {
          op = "customer reply";
          call = () -> s.addComment(Desk.JOHN, new AddComment(id, "Customer reply " + k, false));
        }
        case 14 -> {
          op = "bulk resolve";
          call = () -> s.resolveTickets(Desk.ADMIN, List.of(id));
        }
        default -> {
          op = "customer reopen";
          call = () -> s.changeStatus(Desk.JOHN, new ChangeStatus(id, Status.REOPENED));
        }
      }
      ops.add(op);
      calls.add(call);
    }
    List<Outcome> outcomes =
        Race.run(WRITERS, Duration.ofSeconds(120), calls::get).stream()
            .map(o -> new Outcome(ops.get(o.racer()), o.value(), o.failure()))
            .toList();
    for (Outcome o : outcomes) {
      summary.merge(o.op() + ":" + Race.ending(o.failure()), 1L, Long::sum);
    }
    // Only conflicts and what the ticket's state of the moment forbids; never anything else.
    Set<ErrorCode> allowed =
        Set.of(
            ErrorCode.CONFLICT,
            ErrorCode.INVALID_TRANSITION,
            ErrorCode.INVALID_STATE,
            ErrorCode.NOT_FOUND,
            ErrorCode.ACCESS_DENIED);
    for (Outcome o : outcomes) {
      if (o.failure() != null) {
        assertThat(o.failure())
            .as("%s (so far %s)", o.op(), summary)
            .isInstanceOf(TicketingException.class);
        assertThat(((TicketingException) o.failure()).code())
            .as("%s: %s", o.op(), o.failure().getMessage())
            .isIn(allowed);
        if (o.op().contains("reply") || o.op().contains("note")) {
          assertThat(o.failure())
              .as("a comment never fails because of concurrent activity: %s", o.op())
              .isNotInstanceOf(ConflictException.class);
        }
      }
    }
    return outcomes.stream()
        .filter(o -> o.failure() == null && o.result() instanceof CommentView)
        .map(o -> ((CommentView) o.result()).id())
        .toList();
  }

  /** A timestamp column as an instant (PostgreSQL answers OffsetDateTime, MariaDB LocalDateTime in UTC). */
  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("not a timestamp: " + value.getClass());
  }
}
