package dev.ticketing.properties;

import static dev.ticketing.policy.Operation.ADD_INTERNAL_NOTE;
import static dev.ticketing.policy.Operation.ASSIGN_TICKET;
import static dev.ticketing.policy.Operation.ATTACH_FILE;
import static dev.ticketing.policy.Operation.CHANGE_STATUS;
import static dev.ticketing.policy.Operation.COMMENT;
import static dev.ticketing.policy.Operation.CREATE_TICKET;
import static dev.ticketing.policy.Operation.DELETE_TICKET;
import static dev.ticketing.policy.Operation.LINK_TICKETS;
import static dev.ticketing.policy.Operation.MANAGE_CCS;
import static dev.ticketing.policy.Operation.MANAGE_FOLLOWERS;
import static dev.ticketing.policy.Operation.MERGE_TICKETS;
import static dev.ticketing.policy.Operation.TAG_TICKET;
import static dev.ticketing.policy.Operation.UPDATE_TICKET;
import static dev.ticketing.policy.Operation.VIEW_HISTORY;
import static dev.ticketing.policy.Operation.VIEW_INTERNAL_NOTES;
import static dev.ticketing.policy.Operation.VIEW_TICKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.NotFoundException;
import dev.ticketing.RequestUpload;
import dev.ticketing.Status;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.policy.TicketFacts;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.support.Desk;
import dev.ticketing.support.QuietLogs;
import dev.ticketing.support.StoreSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

/**
 * The default permission matrix (docs/reference.md, "Permissions"), typed out again here as the
 * oracle, against {@link MatrixPolicy#standard()} and its company-wide variant; and through the
 * service, the rule that an invisible ticket is "not found" while a refused operation on a visible
 * one is "access denied".
 */
class PermissionPolicyProperties {

  static {
    QuietLogs.install();
  }

  static final PermissionPolicy STANDARD = MatrixPolicy.standard();
  static final PermissionPolicy COMPANY_WIDE =
      MatrixPolicy.standard().toBuilder().customerVisibility(Reach.COMPANY).build();

  static PermissionPolicy policy(boolean companyWide) {
    return companyWide ? COMPANY_WIDE : STANDARD;
  }

  // ------------------------------------------------------------------ the oracle (the documented
  // matrix)

  /**
   * The documented matrix for an operation on a ticket. {@code own} is "the customer created it, in
   * their own company" (a ticket of another tenant is never the customer's: tenant isolation). With
   * company-wide customer visibility, customers view the company's tickets and, as our reading of
   * "comments: whole company", reply and attach files there too; editing, status changes and
   * deletion stay with the creator.
   */
  static boolean specPermits(
      Role role,
      Operation op,
      boolean created,
      boolean sameCompany,
      boolean assigned,
      Status status,
      boolean companyWide) {
    switch (role) {
      case CUSTOMER:
        {
          boolean own = created && sameCompany;
          boolean seen = companyWide ? sameCompany : own;
          switch (op) {
            case VIEW_TICKET: // view ticket, list, comments
            case COMMENT: // public comment: own tickets
            case ATTACH_FILE: // where they may comment
              return seen;
            case UPDATE_TICKET: // own, while not CLOSED or CANCELLED
            case MANAGE_CCS: // the requester copies colleagues, while not CLOSED or CANCELLED
            case SET_FIELDS: // custom fields shown to customers, while not CLOSED or CANCELLED
              return own && status != Status.CLOSED && status != Status.CANCELLED;
            case CHANGE_STATUS: // own (to CANCELLED and REOPENED only: see specPermitsStatusChange)
            case DELETE_TICKET: // delete (soft): own
            case RATE_TICKET: // the requester rates (resolved or closed: the rating service checks)
              return own;
            default: // create is decided by company, see specPermitsCreate; everything else: no
              return false;
          }
        }
      case AGENT:
        {
          switch (op) {
            case VIEW_TICKET: // tickets assigned to them
            case CHANGE_STATUS: // assigned tickets
            case COMMENT: // assigned
            case ADD_INTERNAL_NOTE: // assigned
            case VIEW_INTERNAL_NOTES: // staff read the notes of the tickets they see
            case ATTACH_FILE: // where they may comment
            case VIEW_HISTORY: // history is for staff, on the tickets they see
            case TAG_TICKET: // tags, followers and CCs of the tickets they work
            case MANAGE_FOLLOWERS:
            case MANAGE_CCS:
            case SET_FIELDS: // custom field values of the tickets they work
            case APPLY_MACRO: // macros on the tickets they work
            case LINK_TICKETS: // links and merges among the tickets they work
            case MERGE_TICKETS:
              return assigned;
            case SET_OWN_AVAILABILITY: // whether they take new tickets: their own business
              return true;
            default:
              return false;
          }
        }
      case ADMIN:
        return op != Operation.RESTORE_TICKET && op != Operation.PURGE_TICKET;
      case SUPER_ADMIN:
        return true;
      default:
        throw new AssertionError(role);
    }
  }

  /**
   * The matrix's "change status": own tickets to CANCELLED and REOPENED only; assigned; admins any.
   */
  static boolean specPermitsStatusChange(
      Role role, boolean created, boolean sameCompany, boolean assigned, Status target) {
    switch (role) {
      case CUSTOMER:
        return created && sameCompany && (target == Status.CANCELLED || target == Status.REOPENED);
      case AGENT:
        return assigned;
      default:
        return true;
    }
  }

  /** The matrix's "create ticket": own company only; agents no; admins any company. */
  static boolean specPermitsCreate(Role role, boolean ownCompany) {
    switch (role) {
      case CUSTOMER:
        return ownCompany;
      case AGENT:
        return false;
      default:
        return true;
    }
  }

  /** A ticket-less permission is one that holds whatever the ticket: every situation, every status. */
  static boolean specPermitsEverywhere(Role role, Operation op, boolean companyWide) {
    if (op == CREATE_TICKET) {
      return specPermitsCreate(role, true) && specPermitsCreate(role, false);
    }
    for (boolean created : new boolean[] {false, true}) {
      for (boolean same : new boolean[] {false, true}) {
        for (boolean assigned : new boolean[] {false, true}) {
          for (Status s : Status.values()) {
            if (!specPermits(role, op, created, same, assigned, s, companyWide)) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  record Facts(String companyId, String createdBy, @Nullable String assigneeId, Status status)
      implements TicketFacts {}

  static Actor actor(Role role) {
    return role == Role.CUSTOMER ? Actor.customer("u1", "c1") : new Actor("u1", role, null);
  }

  /** A ticket in the given relation to {@link #actor(Role)}. */
  static Facts facts(
      boolean created,
      boolean sameCompany,
      boolean assigned,
      boolean assignedToSomeoneElse,
      Status status) {
    return new Facts(
        sameCompany ? "c1" : "c2",
        created ? "u1" : "u2",
        assigned ? "u1" : (assignedToSomeoneElse ? "a9" : null),
        status);
  }

  // ------------------------------------------------------------------ the matrix, cell by cell

  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 20_000)
  void every_cell_of_the_matrix_is_the_spec_cell(
      @ForAll Role role,
      @ForAll Operation op,
      @ForAll boolean created,
      @ForAll boolean sameCompany,
      @ForAll boolean assigned,
      @ForAll boolean assignedToSomeoneElse,
      @ForAll Status status,
      @ForAll boolean companyWide) {
    if (op == CREATE_TICKET) {
      return; // decided by company, not by ticket: see the create property
    }
    Actor actor = actor(role);
    Facts t = facts(created, sameCompany, assigned, assignedToSomeoneElse, status);
    assertThat(policy(companyWide).permits(actor, op, t))
        .as("%s %s on %s (companyWide %s)", role, op, t, companyWide)
        .isEqualTo(specPermits(role, op, created, sameCompany, assigned, status, companyWide));
  }

  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 20_000)
  void status_changes_are_permitted_as_the_spec_says(
      @ForAll Role role,
      @ForAll boolean created,
      @ForAll boolean sameCompany,
      @ForAll boolean assigned,
      @ForAll boolean assignedToSomeoneElse,
      @ForAll Status status,
      @ForAll Status target,
      @ForAll boolean companyWide) {
    Actor actor = actor(role);
    Facts t = facts(created, sameCompany, assigned, assignedToSomeoneElse, status);
    assertThat(policy(companyWide).permitsStatusChange(actor, t, target))
        .as("%s moving %s to %s (companyWide %s)", role, t, target, companyWide)
        .isEqualTo(specPermitsStatusChange(role, created, sameCompany, assigned, target));
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void creation_is_permitted_as_the_spec_says(
      @ForAll Role role, @ForAll boolean ownCompany, @ForAll boolean companyWide) {
    Actor actor = actor(role);
    // Staff have no company: for them "own company" is just some company.
    String company = ownCompany ? "c1" : "c2";
    assertThat(policy(companyWide).permitsCreate(actor, company))
        .isEqualTo(specPermitsCreate(role, ownCompany));
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void ticketless_permissions_hold_only_where_the_spec_grants_every_ticket(
      @ForAll Role role, @ForAll Operation op, @ForAll boolean companyWide) {
    assertThat(policy(companyWide).permits(actor(role), op))
        .as("%s %s without a ticket", role, op)
        .isEqualTo(specPermitsEverywhere(role, op, companyWide));
  }

  // ------------------------------------------------------------------ lists and single reads agree

  @Provide
  Arbitrary<Actor> anyActor() {
    return Arbitraries.of(
        Actor.customer("u1", "c1"),
        Actor.customer("u2", "c1"),
        Actor.customer("u3", "c2"),
        Actor.agent("a1"),
        Actor.agent("a2"),
        Actor.admin("ad"),
        Actor.superAdmin("su"));
  }

  @Provide
  Arbitrary<Facts> anyTicket() {
    return Combinators.combine(
            Arbitraries.of("c1", "c2", "c3"),
            Arbitraries.of("u1", "u2", "u3", "a1", "ad", "x"),
            Arbitraries.of("a1", "a2", "u1", "ad").injectNull(0.3),
            Arbitraries.of(Status.class))
        .as(Facts::new);
  }

  /**
   * Lists use {@code visibleScope}, single reads {@code permits(VIEW_TICKET)}: they must agree on
   * every ticket, and both must be the documented matrix's view column.
   */
  @Property
  void visible_scope_matches_exactly_the_viewable_tickets(
      @ForAll("anyActor") Actor actor, @ForAll("anyTicket") Facts t, @ForAll boolean companyWide) {
    PermissionPolicy p = policy(companyWide);
    boolean viewable = p.permits(actor, VIEW_TICKET, t);
    assertThat(p.visibleScope(actor).matches(t)).isEqualTo(viewable);
    assertThat(viewable)
        .isEqualTo(
            specPermits(
                actor.role(),
                VIEW_TICKET,
                actor.id().equals(t.createdBy()),
                t.companyId().equals(actor.companyId()),
                actor.id().equals(t.assigneeId()),
                t.status(),
                companyWide));
  }

  /** Per operation, the store predicate covers every ticket the operation is permitted on. */
  @Property
  void operation_scopes_cover_every_permitted_ticket(
      @ForAll("anyActor") Actor actor,
      @ForAll("anyTicket") Facts t,
      @ForAll Operation op,
      @ForAll boolean companyWide) {
    PermissionPolicy p = policy(companyWide);
    boolean permitted = p.permits(actor, op, t);
    boolean inScope = p.scope(actor, op).matches(t);
    if (permitted) {
      assertThat(inScope).as("%s may %s %s but the scope misses it", actor, op, t).isTrue();
    }
    if (!(actor.role() == Role.CUSTOMER
        && (op == UPDATE_TICKET || op == MANAGE_CCS || op == Operation.SET_FIELDS))) {
      // Only the customer's update and CC grants depend on the status; everywhere else scope ==
      // permits.
      assertThat(inScope).as("scope of %s for %s on %s", actor, op, t).isEqualTo(permitted);
    }
  }

  /** A ticket that copies customers, raised for a requester. */
  record CopiedFacts(
      String companyId,
      String createdBy,
      String requesterId,
      List<String> ccIds,
      @Nullable String assigneeId,
      Status status)
      implements TicketFacts {}

  /**
   * A customer copied on a ticket of their company sees it, replies and attaches files, and
   * nothing more: never its internal notes, never an edit, a status change, a deletion or a change
   * of CCs; a customer of another company named as a CC sees nothing. Lists agree with single reads.
   */
  @Property
  void a_cc_sees_and_replies_and_nothing_more(
      @ForAll("anyCustomer") Actor actor,
      @ForAll Operation op,
      @ForAll Status status,
      @ForAll boolean requester) {
    for (boolean companyWide : new boolean[] {false, true}) {
      PermissionPolicy p = policy(companyWide);
      // The actor is copied (or the requester), on a ticket staff raised in company c1.
      CopiedFacts t =
          new CopiedFacts(
              "c1",
              "ad",
              requester ? actor.id() : "u9",
              requester ? List.of("u8") : List.of(actor.id(), "u8"),
              null,
              status);
      boolean sameCompany = "c1".equals(actor.companyId());
      boolean permitted = p.permits(actor, op, t);
      boolean expected =
          sameCompany
              && switch (op) {
                case VIEW_TICKET, COMMENT, ATTACH_FILE -> true;
                case UPDATE_TICKET, MANAGE_CCS, SET_FIELDS ->
                    requester && status != Status.CLOSED && status != Status.CANCELLED;
                case CHANGE_STATUS, DELETE_TICKET, CREATE_TICKET, RATE_TICKET -> requester;
                default -> false;
              };
      assertThat(permitted).as("%s %s on %s", actor, op, t).isEqualTo(expected);
      assertThat(p.visibleScope(actor).matches(t)).isEqualTo(p.permits(actor, VIEW_TICKET, t));
    }
  }

  @Provide
  Arbitrary<Actor> anyCustomer() {
    return Combinators.combine(Arbitraries.of("u1", "u2"), Arbitraries.of("c1", "c2"))
        .as(Actor::customer);
  }

  // ------------------------------------------------------------------ through the service

  static final List<Actor> PEOPLE =
      List.of(Desk.JOHN, Desk.ALICE, Desk.JANE, Desk.SARAH, Desk.MIKE, Desk.ADMIN, Desk.ROOT);

  /** Who creates a ticket, for which company. */
  enum Creator {
    JOHN(Desk.JOHN, "acme"),
    ALICE(Desk.ALICE, "acme"),
    JANE(Desk.JANE, "globex"),
    ADMIN_FOR_ACME(Desk.ADMIN, "acme"),
    ADMIN_FOR_GLOBEX(Desk.ADMIN, "globex");

    final Actor actor;
    final String company;

    Creator(Actor actor, String company) {
      this.actor = actor;
      this.company = company;
    }
  }

  record TicketSpec(Creator creator, @Nullable String assignee, Status status, boolean deleted) {}

  enum Call {
    VIEW,
    UPDATE,
    COMMENT,
    INTERNAL_NOTE,
    CHANGE_STATUS,
    ASSIGN,
    DELETE,
    HISTORY,
    UPLOAD
  }

  record Probe(int actor, int ticket, Call call, Status target) {}

  @Provide
  Arbitrary<List<TicketSpec>> desks() {
    return Combinators.combine(
            Arbitraries.of(Creator.class),
            Arbitraries.of("sarah", "mike").injectNull(0.4),
            Arbitraries.of(Status.class),
            Arbitraries.of(true, false, false, false, false))
        .as(TicketSpec::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Probe>> probes() {
    // Customers and agents more often than admins: they are the ones who get refused.
    return Combinators.combine(
            Arbitraries.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6),
            Arbitraries.integers().between(0, 4),
            Arbitraries.of(Call.class),
            Arbitraries.of(Status.class))
        .as(Probe::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  /**
   * Every call on a ticket the actor may not see is {@link NotFoundException} (never access denied:
   * no existence oracle), every call the documented matrix refuses on a visible ticket is {@link
   * AccessDeniedException}, neither writes anything, and a permitted call is never refused with
   * either.
   */
  @Property(tries = 200)
  void invisible_is_not_found_and_refused_is_access_denied(
      @ForAll("desks") List<TicketSpec> specs,
      @ForAll("probes") List<Probe> probes,
      @ForAll boolean companyWide) {
    try (Desk desk = new Desk(policy(companyWide), TicketingOptions.defaults())) {
      List<String> ids = new ArrayList<>();
      for (TicketSpec spec : specs) {
        ids.add(setUp(desk, spec));
      }
      for (Probe probe : probes) {
        Actor actor = PEOPLE.get(probe.actor());
        String id = ids.get(probe.ticket() % ids.size());
        TicketRecord t = desk.store.findTicket(id).orElseThrow();
        boolean created = actor.id().equals(t.createdBy());
        boolean sameCompany = t.companyId().equals(actor.companyId());
        boolean assigned = actor.id().equals(t.assigneeId());
        boolean visible =
            !t.deleted()
                && specPermits(
                    actor.role(),
                    VIEW_TICKET,
                    created,
                    sameCompany,
                    assigned,
                    t.status(),
                    companyWide);
        boolean permitted =
            switch (probe.call()) {
              case VIEW -> true;
              case UPDATE ->
                  specPermits(
                      actor.role(),
                      UPDATE_TICKET,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
              case COMMENT ->
                  specPermits(
                      actor.role(),
                      COMMENT,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
              case INTERNAL_NOTE ->
                  specPermits(
                      actor.role(),
                      ADD_INTERNAL_NOTE,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
              case CHANGE_STATUS ->
                  specPermitsStatusChange(
                      actor.role(), created, sameCompany, assigned, probe.target());
              case ASSIGN ->
                  specPermits(
                      actor.role(),
                      ASSIGN_TICKET,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
              case DELETE ->
                  specPermits(
                      actor.role(),
                      DELETE_TICKET,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
              case HISTORY ->
                  specPermits(
                      actor.role(),
                      VIEW_HISTORY,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
              case UPLOAD ->
                  specPermits(
                      actor.role(),
                      ATTACH_FILE,
                      created,
                      sameCompany,
                      assigned,
                      t.status(),
                      companyWide);
            };
        ThrowingCallable call = call(desk, actor, id, probe);
        StoreSnapshot before = StoreSnapshot.of(desk.store, ids);
        String what =
            actor.id()
                + " "
                + probe.call()
                + " "
                + (probe.call() == Call.CHANGE_STATUS ? "to " + probe.target() + " " : "")
                + "on "
                + t;
        Statistics.label("expected outcome")
            .collect(!visible ? "not found" : !permitted ? "access denied" : "permitted");
        if (!visible) {
          assertThatThrownBy(call)
              .as(what)
              .isInstanceOfSatisfying(
                  NotFoundException.class,
                  e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
          assertThat(StoreSnapshot.of(desk.store, ids)).as(what).isEqualTo(before);
        } else if (!permitted) {
          assertThatThrownBy(call)
              .as(what)
              .isInstanceOfSatisfying(
                  AccessDeniedException.class,
                  e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
          assertThat(StoreSnapshot.of(desk.store, ids)).as(what).isEqualTo(before);
        } else {
          try {
            call.call();
          } catch (NotFoundException | AccessDeniedException e) {
            throw new AssertionError(
                what + ": permitted by the documented matrix but refused with " + e, e);
          } catch (TicketingException e) {
            // Permitted, but the state machine or the ticket's state may still refuse it.
            assertThat(e.code())
                .as(what)
                .isIn(ErrorCode.INVALID_TRANSITION, ErrorCode.INVALID_STATE);
          } catch (Throwable e) {
            throw new AssertionError(what + ": unexpected " + e, e);
          }
        }
      }
    }
    Statistics.label("expected outcome")
        .coverage(
            c -> {
              c.check("not found").percentage(pct -> pct > 10);
              c.check("access denied").percentage(pct -> pct > 4);
              c.check("permitted").percentage(pct -> pct > 10);
            });
  }

  private static ThrowingCallable call(Desk desk, Actor actor, String id, Probe probe) {
    var s = desk.service;
    return switch (probe.call()) {
      case VIEW -> () -> s.ticket(actor, id);
      case UPDATE ->
          () -> s.updateTicket(actor, new UpdateTicket(id, "Changed title", null, null, null));
      case COMMENT -> () -> s.addComment(actor, new AddComment(id, "A reply", false));
      case INTERNAL_NOTE -> () -> s.addComment(actor, new AddComment(id, "A note", true));
      case CHANGE_STATUS -> () -> s.changeStatus(actor, new ChangeStatus(id, probe.target()));
      case ASSIGN -> () -> s.assignTicket(actor, new AssignTicket(id, "sarah"));
      case DELETE -> () -> s.deleteTicket(actor, id);
      case HISTORY -> () -> s.history(actor, id);
      case UPLOAD ->
          () -> s.requestUpload(actor, new RequestUpload(id, "shot.png", "image/png", 100));
    };
  }

  /**
   * Creates the ticket, assigns it, walks it to the wanted status along documented transitions,
   * deletes it.
   */
  private static String setUp(Desk desk, TicketSpec spec) {
    var s = desk.service;
    String id =
        s.createTicket(
                spec.creator().actor,
                CreateTicket.of("Ticket of " + spec.creator(), "Details", spec.creator().company))
            .id();
    if (spec.assignee() != null) {
      s.assignTicket(Desk.ADMIN, new AssignTicket(id, spec.assignee()));
    }
    Status current = desk.store.findTicket(id).orElseThrow().status();
    for (Status next : path(current, spec.status())) {
      s.changeStatus(Desk.ADMIN, new ChangeStatus(id, next));
    }
    if (spec.deleted()) {
      s.deleteTicket(Desk.ADMIN, id);
    }
    return id;
  }

  /** Shortest way through the documented table; empty when the status is current or unreachable. */
  static List<Status> path(Status from, Status to) {
    Map<Status, Status> parent = new EnumMap<>(Status.class);
    Deque<Status> queue = new ArrayDeque<>(List.of(from));
    Map<Status, Boolean> seen = new HashMap<>(Map.of(from, true));
    while (!queue.isEmpty()) {
      Status s = queue.poll();
      if (s == to) {
        List<Status> out = new ArrayList<>();
        for (Status x = to; x != from; x = parent.get(x)) {
          out.add(0, x);
        }
        return out;
      }
      for (Status next : TransitionTableProperties.DOCUMENTED.get(s)) {
        if (seen.putIfAbsent(next, true) == null) {
          parent.put(next, s);
          queue.add(next);
        }
      }
    }
    return List.of();
  }
}
