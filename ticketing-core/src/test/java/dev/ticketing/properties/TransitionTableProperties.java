package dev.ticketing.properties;

import static dev.ticketing.Status.CANCELLED;
import static dev.ticketing.Status.CLOSED;
import static dev.ticketing.Status.IN_PROGRESS;
import static dev.ticketing.Status.OPEN;
import static dev.ticketing.Status.REOPENED;
import static dev.ticketing.Status.RESOLVED;
import static dev.ticketing.Status.WAITING_FOR_CUSTOMER;
import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.FieldChange;
import dev.ticketing.InvalidStateException;
import dev.ticketing.InvalidTransitionException;
import dev.ticketing.NotFoundException;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.support.Desk;
import dev.ticketing.support.QuietLogs;
import dev.ticketing.support.StoreSnapshot;
import dev.ticketing.workflow.TransitionTable;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

/**
 * The state machine as a table, and the service walking it. The oracle is the documented list
 * (docs/reference.md) typed out again here, never read from {@link TransitionTable}.
 */
class TransitionTableProperties {

  static {
    QuietLogs.install();
  }

  /** The documented transitions: exactly the GraphQL ticket module's list. */
  static final Map<Status, Set<Status>> DOCUMENTED =
      new EnumMap<>(
          Map.of(
              OPEN, EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED),
              IN_PROGRESS, EnumSet.of(WAITING_FOR_CUSTOMER, RESOLVED, CANCELLED),
              WAITING_FOR_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED),
              RESOLVED, EnumSet.of(CLOSED, REOPENED),
              CLOSED, EnumSet.of(REOPENED),
              REOPENED, EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED),
              CANCELLED, EnumSet.noneOf(Status.class)));

  static boolean documentedAllows(Status from, Status to) {
    return DOCUMENTED.get(from).contains(to);
  }

  /** The named audit action for entering a status, STATUS_CHANGED otherwise. */
  static AuditAction specActionFor(Status target) {
    switch (target) {
      case RESOLVED:
        return AuditAction.TICKET_RESOLVED;
      case CLOSED:
        return AuditAction.TICKET_CLOSED;
      case REOPENED:
        return AuditAction.TICKET_REOPENED;
      case CANCELLED:
        return AuditAction.TICKET_CANCELLED;
      default:
        return AuditAction.STATUS_CHANGED;
    }
  }

  // ------------------------------------------------------------------ the table itself

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void standard_table_allows_exactly_the_spec_transitions(@ForAll Status from, @ForAll Status to) {
    TransitionTable table = TransitionTable.STANDARD;
    assertThat(table.allows(from, to))
        .as("%s -> %s", from, to)
        .isEqualTo(documentedAllows(from, to));
    if (documentedAllows(from, to)) {
      assertThatCode(() -> table.check(from, to)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> table.check(from, to))
          .isInstanceOfSatisfying(
              InvalidTransitionException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
                assertThat(e.retryable()).isFalse();
              });
    }
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void no_status_moves_to_itself(@ForAll Status status) {
    assertThat(TransitionTable.STANDARD.allows(status, status)).isFalse();
    assertThatThrownBy(() -> TransitionTable.builder().allow(status, status))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void targets_and_terminality_agree_with_the_spec(@ForAll Status status) {
    TransitionTable table = TransitionTable.STANDARD;
    assertThat(table.targets(status)).isEqualTo(DOCUMENTED.get(status));
    // CANCELLED is terminal, and it is the only terminal status.
    assertThat(table.isTerminal(status)).isEqualTo(status == CANCELLED);
  }

  @Example
  void the_whole_table_is_the_spec_table() {
    assertThat(TransitionTable.STANDARD.asMap()).isEqualTo(DOCUMENTED);
  }

  // ------------------------------------------------------------------ the service walking it

  /** One thing done to the ticket. */
  sealed interface Step permits Move, Assign, Unassign, Delete, Restore, CustomerReply {}

  /** The admin asks for a status. */
  record Move(Status target) implements Step {}

  /** The admin assigns an agent. */
  record Assign(String agentId) implements Step {}

  /** The admin removes the assignee. */
  record Unassign() implements Step {}

  /** The admin soft-deletes the ticket. */
  record Delete() implements Step {}

  /** The super admin restores it. */
  record Restore() implements Step {}

  /** The owner (a customer) replies publicly, which may trigger an automation. */
  record CustomerReply() implements Step {}

  @Provide
  Arbitrary<List<Step>> chains() {
    @SuppressWarnings("unchecked")
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of(Status.class).map(Move::new)),
            Tuple.of(2, Arbitraries.of("sarah", "mike").map(Assign::new)),
            Tuple.of(1, Arbitraries.just(new Unassign())),
            Tuple.of(1, Arbitraries.just(new Delete())),
            Tuple.of(1, Arbitraries.just(new Restore())),
            Tuple.of(2, Arbitraries.just(new CustomerReply())));
    return step.list().ofMinSize(1).ofMaxSize(30);
  }

  /** What the ticket should be after each step, computed from the documented rules alone. */
  private static final class Model {
    Status status = OPEN;
    @Nullable String assignee;
    boolean deleted;
    @Nullable Status beforeDelete;

    /** Status changes the audit log must show, the creation included. */
    int statusChanges = 1;

    void moveTo(Status s) {
      status = s;
      statusChanges++;
    }
  }

  /**
   * Random status changes by an admin, mixed with assignments, owner replies, soft deletes and
   * restores. Every accepted change is in the documented table and every refused one is an {@link
   * InvalidTransitionException} that changes nothing; resolvedAt and closedAt follow the status;
   * and the audit log replays from OPEN to the final status through legal steps only.
   */
  @Property(tries = 200)
  void status_changes_through_the_service_follow_the_spec_table(
      @ForAll("chains") List<Step> steps) {
    try (Desk desk = new Desk()) {
      String id =
          desk.service
              .createTicket(JOHN, CreateTicket.of("Cannot log in", "Since this morning", "acme"))
              .id();
      Model m = new Model();
      for (Step step : steps) {
        StoreSnapshot before = StoreSnapshot.of(desk.store, List.of(id));
        long version = record(desk, id).version();
        if (step instanceof Move move) {
          Status target = move.target();
          ThrowingCallable call =
              () -> desk.service.changeStatus(ADMIN, new ChangeStatus(id, target));
          if (m.deleted) {
            expectRefusal(desk, id, before, NotFoundException.class, ErrorCode.NOT_FOUND, call);
          } else if (documentedAllows(m.status, target)) {
            TicketView v = desk.service.changeStatus(ADMIN, new ChangeStatus(id, target));
            assertThat(v.status()).isEqualTo(target);
            assertThat(v.version()).isEqualTo(version + 1);
            m.moveTo(target);
          } else {
            Status from = m.status;
            assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                    InvalidTransitionException.class,
                    e -> {
                      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
                      assertThat(e.from()).isEqualTo(from);
                      assertThat(e.to()).isEqualTo(target);
                    });
            assertThat(StoreSnapshot.of(desk.store, List.of(id)))
                .as("refused %s -> %s", from, target)
                .isEqualTo(before);
          }
        } else if (step instanceof Assign assign) {
          String agent = assign.agentId();
          ThrowingCallable call =
              () -> desk.service.assignTicket(ADMIN, new AssignTicket(id, agent));
          if (m.deleted) {
            expectRefusal(desk, id, before, NotFoundException.class, ErrorCode.NOT_FOUND, call);
          } else if (agent.equals(m.assignee)) {
            // Assigning the current assignee again changes nothing (our reading: not a new
            // assignment).
            desk.service.assignTicket(ADMIN, new AssignTicket(id, agent));
            assertThat(StoreSnapshot.of(desk.store, List.of(id))).isEqualTo(before);
          } else if (m.status == RESOLVED || m.status == CLOSED || m.status == CANCELLED) {
            expectRefusal(
                desk, id, before, InvalidStateException.class, ErrorCode.INVALID_STATE, call);
          } else {
            TicketView v = desk.service.assignTicket(ADMIN, new AssignTicket(id, agent));
            m.assignee = agent;
            if (m.status == OPEN || m.status == REOPENED) {
              m.moveTo(IN_PROGRESS);
            }
            assertThat(v.status()).isEqualTo(m.status);
            assertThat(v.assignedTo()).isNotNull();
            assertThat(v.assignedTo().id()).isEqualTo(agent);
          }
        } else if (step instanceof Unassign) {
          ThrowingCallable call =
              () -> desk.service.assignTicket(ADMIN, new AssignTicket(id, null));
          if (m.deleted) {
            expectRefusal(desk, id, before, NotFoundException.class, ErrorCode.NOT_FOUND, call);
          } else {
            TicketView v = desk.service.assignTicket(ADMIN, new AssignTicket(id, null));
            m.assignee = null;
            assertThat(v.assignedTo()).isNull();
            assertThat(v.status()).isEqualTo(m.status);
          }
        } else if (step instanceof Delete) {
          ThrowingCallable call = () -> desk.service.deleteTicket(ADMIN, id);
          if (m.deleted) {
            expectRefusal(desk, id, before, NotFoundException.class, ErrorCode.NOT_FOUND, call);
          } else {
            TicketView v = desk.service.deleteTicket(ADMIN, id);
            assertThat(v.status()).isEqualTo(CANCELLED);
            assertThat(v.deletedAt()).isNotNull();
            assertThat(v.deletedBy()).isEqualTo(ADMIN.id());
            m.beforeDelete = m.status;
            m.deleted = true;
            m.moveTo(CANCELLED);
          }
        } else if (step instanceof Restore) {
          ThrowingCallable call = () -> desk.service.restoreTicket(ROOT, id);
          if (!m.deleted) {
            expectRefusal(
                desk, id, before, InvalidStateException.class, ErrorCode.INVALID_STATE, call);
          } else {
            TicketView v = desk.service.restoreTicket(ROOT, id);
            m.deleted = false;
            m.moveTo(Objects.requireNonNull(m.beforeDelete));
            assertThat(v.status()).isEqualTo(m.status);
            assertThat(v.deletedAt()).isNull();
          }
        } else if (step instanceof CustomerReply) {
          ThrowingCallable call =
              () -> desk.service.addComment(JOHN, new AddComment(id, "Any news?", false));
          if (m.deleted) {
            expectRefusal(desk, id, before, NotFoundException.class, ErrorCode.NOT_FOUND, call);
          } else if (m.status == CLOSED || m.status == CANCELLED) {
            expectRefusal(
                desk, id, before, InvalidStateException.class, ErrorCode.INVALID_STATE, call);
          } else {
            desk.service.addComment(JOHN, new AddComment(id, "Any news?", false));
            // The reply automations, on by default.
            if (m.status == WAITING_FOR_CUSTOMER) {
              m.moveTo(IN_PROGRESS);
            } else if (m.status == RESOLVED) {
              m.moveTo(REOPENED);
            }
          }
        } else {
          fail("unknown step " + step);
        }
        checkAgainstModel(desk, id, m, step);
      }
      checkAuditReplay(desk, id, m);
    }
  }

  private static void checkAgainstModel(Desk desk, String id, Model m, Step step) {
    TicketRecord t = record(desk, id);
    assertThat(t.status()).as("status after %s", step).isEqualTo(m.status);
    assertThat(t.assigneeId()).as("assignee after %s", step).isEqualTo(m.assignee);
    assertThat(t.deleted()).as("deleted after %s", step).isEqualTo(m.deleted);
    if (m.deleted) {
      return;
    }
    boolean resolvedOrClosed = t.status() == RESOLVED || t.status() == CLOSED;
    assertThat(t.resolvedAt() != null)
        .as("resolvedAt set iff RESOLVED or CLOSED (status %s) after %s", t.status(), step)
        .isEqualTo(resolvedOrClosed);
    assertThat(t.closedAt() != null)
        .as("closedAt set iff CLOSED (status %s) after %s", t.status(), step)
        .isEqualTo(t.status() == CLOSED);
    // The service's own view agrees with the store.
    TicketView v = desk.service.ticket(ADMIN, id).ticket();
    assertThat(v.status()).isEqualTo(m.status);
    assertThat(v.resolvedAt()).isEqualTo(t.resolvedAt());
    assertThat(v.closedAt()).isEqualTo(t.closedAt());
  }

  /** The status changes of the audit log replay from nothing to OPEN to the final status, each step a legal one. */
  private static void checkAuditReplay(Desk desk, String id, Model m) {
    List<AuditEntry> history = desk.store.history(id);
    Status current = null;
    Status lastDeletedFrom = null;
    int changes = 0;
    for (AuditEntry entry : history) {
      for (FieldChange change : entry.changes()) {
        if (!change.field().equals("status")) {
          continue;
        }
        changes++;
        Status from = change.oldValue() == null ? null : Status.valueOf(change.oldValue());
        Status to = Status.valueOf(Objects.requireNonNull(change.newValue(), "new status"));
        assertThat(from)
            .as("entry %s starts where the previous one ended", entry)
            .isEqualTo(current);
        if (from == null) {
          assertThat(entry.action()).isEqualTo(AuditAction.CREATED);
          assertThat(to).isEqualTo(OPEN);
        } else {
          switch (entry.action()) {
            case TICKET_ASSIGNED -> {
              assertThat(from)
                  .as("assignment moves only OPEN or REOPENED: %s", entry)
                  .isIn(OPEN, REOPENED);
              assertThat(to).isEqualTo(IN_PROGRESS);
            }
            case DELETED -> {
              assertThat(to).isEqualTo(CANCELLED);
              lastDeletedFrom = from;
            }
            case RESTORED -> {
              assertThat(from).isEqualTo(CANCELLED);
              assertThat(to)
                  .as("restored to the status before the delete")
                  .isEqualTo(lastDeletedFrom);
            }
            default -> {
              assertThat(documentedAllows(from, to))
                  .as("audited %s -> %s is a documented transition (%s)", from, to, entry)
                  .isTrue();
              assertThat(entry.action())
                  .as("named action for entering %s", to)
                  .isEqualTo(specActionFor(to));
            }
          }
        }
        current = to;
      }
    }
    assertThat(current).as("replayed final status").isEqualTo(m.status);
    assertThat(changes).as("number of audited status changes").isEqualTo(m.statusChanges);
  }

  private static void expectRefusal(
      Desk desk,
      String id,
      StoreSnapshot before,
      Class<? extends TicketingException> type,
      ErrorCode code,
      ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(type, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(StoreSnapshot.of(desk.store, List.of(id)))
        .as("a refused call changes nothing")
        .isEqualTo(before);
  }

  private static TicketRecord record(Desk desk, String id) {
    return desk.store.findTicket(id).orElseThrow();
  }
}
