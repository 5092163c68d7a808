package dev.ticketing.adversarial;

import static dev.ticketing.policy.Operation.*;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.UpdateTicket;
import dev.ticketing.adversarial.Fixture.Target;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.assignment.Availability;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.TicketRecord;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Every public method of {@link TicketService}, with the policy decisions it is checked against
 * and a way to call it on a target. The deny-by-default tests fail when a method of the interface
 * is missing here: adding a method to the service means adding its row, which means saying which
 * operation guards it and having its refusal exercised by the sweep.
 */
final class ServiceMethods {

  /** What the policy says a call must come to. */
  enum Expect {
    /** The ticket is not visible to the actor: {@code NOT_FOUND}, as if it did not exist. */
    NOT_FOUND,
    /** Visible, but the operation is not granted: {@code ACCESS_DENIED}. */
    ACCESS_DENIED,
    /** A bulk outcome of {@link ResolveOutcome#NOT_FOUND}. */
    OUTCOME_NOT_FOUND,
    /** A bulk outcome of {@link ResolveOutcome#NOT_ALLOWED}. */
    OUTCOME_NOT_ALLOWED,
    /** A listing: answered, but only with tickets the actor may see. */
    SCOPED,
    /** The policy grants it: not a refusal, not exercised by the refusal sweep. */
    ALLOWED
  }

  /** How the policy decides about one probe. */
  @FunctionalInterface
  interface Decision {
    Expect expect(PermissionPolicy policy, Actor actor, TicketRecord ticket);
  }

  @FunctionalInterface
  interface Invocation {
    Object call(TicketService service, Actor actor, Target target);
  }

  /** One way of calling a method, guarded by {@code operation}. */
  record Probe(
      String method, String name, Operation operation, Decision decision, Invocation invocation) {}

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** Method signature (as {@link #signature}) to its probes. An empty list: a method no policy guards. */
  static final Map<String, List<Probe>> TABLE = table();

  /** Methods that take no actor and reveal only configuration, never a ticket. */
  static final Map<String, String> UNGUARDED =
      Map.of(
          "categories()", "the configured categories: configuration, the same for everyone",
          "subjects()", "the active subjects of the catalog: configuration, the same for everyone",
          "assignment.strategies()", "the names of the strategies: configuration");

  /**
   * The facades beside the service whose public methods have rows too, by the prefix of their
   * rows' signatures; a probe reaches them through the engine its service belongs to ({@link
   * #register}).
   */
  static final Map<String, Class<?>> FACADES = Map.of("assignment.", AssignmentService.class);

  private static final Map<TicketService, Ticketing> ENGINES =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Lets probes of the facades find {@code engine} from its service. */
  static void register(Ticketing engine) {
    ENGINES.put(engine.service(), engine);
  }

  private static AssignmentService assignment(TicketService service) {
    return Objects.requireNonNull(ENGINES.get(service), "register the Ticketing").assignment();
  }

  /** One way of calling a method of the automation facade, guarded by {@code operation}. */
  record AdminProbe(
      String method,
      Operation operation,
      java.util.function.BiFunction<dev.ticketing.automation.AutomationService, Actor, Object>
          invocation) {}

  /**
   * Every public method of {@link dev.ticketing.automation.AutomationService} (signature as {@link
   * #signature}) with its probe: each is guarded by {@link Operation#MANAGE_AUTOMATIONS}, with no
   * ticket in play, and refused to everyone the policy does not grant it on every ticket.
   */
  static final Map<String, AdminProbe> AUTOMATION_TABLE = automationTable();

  private static Map<String, AdminProbe> automationTable() {
    dev.ticketing.automation.RuleDefinition rule =
        dev.ticketing.automation.RuleDefinition.trigger(
            "probe",
            1,
            java.util.Set.of(dev.ticketing.automation.RuleEvent.CREATED),
            List.of(),
            List.of(new dev.ticketing.automation.RuleAction.AddTags(List.of("probe"))));
    Map<String, AdminProbe> t = new LinkedHashMap<>();
    admin(t, "create(Actor,RuleDefinition)", (s, a) -> s.create(a, rule));
    admin(t, "update(Actor,String,int,RuleDefinition)", (s, a) -> s.update(a, "r1", 1, rule));
    admin(t, "enable(Actor,String)", (s, a) -> s.enable(a, "r1"));
    admin(t, "disable(Actor,String)", (s, a) -> s.disable(a, "r1"));
    admin(
        t,
        "delete(Actor,String)",
        (s, a) -> {
          s.delete(a, "r1");
          return "";
        });
    admin(t, "rule(Actor,String)", (s, a) -> s.rule(a, "r1"));
    admin(t, "rules(Actor)", (s, a) -> s.rules(a));
    admin(t, "versions(Actor,String)", (s, a) -> s.versions(a, "r1"));
    admin(t, "dryRun(Actor,RuleDefinition)", (s, a) -> s.dryRun(a, rule));
    admin(t, "dryRun(Actor,String)", (s, a) -> s.dryRun(a, "r1"));
    return t;
  }

  private static void admin(
      Map<String, AdminProbe> table,
      String signature,
      java.util.function.BiFunction<dev.ticketing.automation.AutomationService, Actor, Object>
          call) {
    table.put(signature, new AdminProbe(signature, MANAGE_AUTOMATIONS, call));
  }

  private ServiceMethods() {}

  static String signature(Method m) {
    return m.getName()
        + "("
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(","))
        + ")";
  }

  static List<Probe> probes() {
    return TABLE.values().stream().flatMap(List::stream).toList();
  }

  private static Map<String, List<Probe>> table() {
    Map<String, List<Probe>> t = new LinkedHashMap<>();
    put(
        t,
        "createTicket(Actor,CreateTicket)",
        probe(
            "into the target's company",
            CREATE_TICKET,
            (p, a, tk) ->
                p.permitsCreate(a, tk.companyId()) ? Expect.ALLOWED : Expect.ACCESS_DENIED,
            (s, a, tg) -> s.createTicket(a, CreateTicket.of("Probe", "Probe", tg.companyId()))),
        probe(
            "on behalf of someone else, into the target's company",
            RAISE_ON_BEHALF,
            // Customers never raise for others, whatever the policy grants.
            (p, a, tk) ->
                p.permitsCreate(a, tk.companyId())
                        && a.isStaff()
                        && p.permitsCreateOnBehalf(a, tk.companyId())
                    ? Expect.ALLOWED
                    : Expect.ACCESS_DENIED,
            (s, a, tg) ->
                s.createTicket(
                    a,
                    CreateTicket.of("Probe", "Probe", tg.companyId())
                        .onBehalfOf("probe-requester"))));
    put(
        t,
        "updateTicket(Actor,UpdateTicket)",
        probe(
            "title",
            UPDATE_TICKET,
            onTicket(UPDATE_TICKET),
            (s, a, tg) ->
                s.updateTicket(
                    a,
                    new UpdateTicket(
                        tg.ticketId(), "Changed by a probe", null, Priority.URGENT, null))));
    put(
        t,
        "changeStatus(Actor,ChangeStatus)",
        probe(
            "to RESOLVED",
            CHANGE_STATUS,
            statusTo(Status.RESOLVED),
            (s, a, tg) -> s.changeStatus(a, new ChangeStatus(tg.ticketId(), Status.RESOLVED))),
        probe(
            "to CANCELLED",
            CHANGE_STATUS,
            statusTo(Status.CANCELLED),
            (s, a, tg) -> s.changeStatus(a, new ChangeStatus(tg.ticketId(), Status.CANCELLED))));
    put(
        t,
        "assignTicket(Actor,AssignTicket)",
        probe(
            "to an agent",
            ASSIGN_TICKET,
            onTicket(ASSIGN_TICKET),
            (s, a, tg) -> s.assignTicket(a, new AssignTicket(tg.ticketId(), "mike"))),
        probe(
            "to nobody",
            ASSIGN_TICKET,
            onTicket(ASSIGN_TICKET),
            (s, a, tg) -> s.assignTicket(a, new AssignTicket(tg.ticketId(), null))),
        // Whether "john" is staff is the directory's business: a refused caller must not learn it.
        probe(
            "to a customer",
            ASSIGN_TICKET,
            onTicket(ASSIGN_TICKET),
            (s, a, tg) -> s.assignTicket(a, new AssignTicket(tg.ticketId(), "john"))));
    put(
        t,
        "addComment(Actor,AddComment)",
        probe(
            "public",
            COMMENT,
            onTicket(COMMENT),
            (s, a, tg) -> s.addComment(a, new AddComment(tg.ticketId(), "Probe reply", false))),
        probe(
            "internal",
            ADD_INTERNAL_NOTE,
            onTicket(ADD_INTERNAL_NOTE),
            (s, a, tg) -> s.addComment(a, new AddComment(tg.ticketId(), "Probe note", true))));
    put(
        t,
        "requestUpload(Actor,RequestUpload)",
        probe(
            "a file",
            ATTACH_FILE,
            onTicket(ATTACH_FILE),
            (s, a, tg) ->
                s.requestUpload(
                    a, new RequestUpload(tg.ticketId(), "probe.txt", "text/plain", 5))));
    put(
        t,
        "confirmAttachment(Actor,ConfirmAttachment)",
        probe(
            "onto the ticket",
            ATTACH_FILE,
            onTicket(ATTACH_FILE),
            (s, a, tg) ->
                s.confirmAttachment(
                    a, new ConfirmAttachment(tg.ticketId(), tg.pendingKey(), null))),
        probe(
            "onto its internal note",
            VIEW_INTERNAL_NOTES,
            (p, a, tk) -> {
              Expect attach = onTicket(ATTACH_FILE).expect(p, a, tk);
              if (attach != Expect.ALLOWED) {
                return attach;
              }
              // The note is not visible to whoever may not read internal notes: it does not exist
              // for them.
              return p.permits(a, VIEW_INTERNAL_NOTES, tk) ? Expect.ALLOWED : Expect.NOT_FOUND;
            },
            (s, a, tg) ->
                s.confirmAttachment(
                    a, new ConfirmAttachment(tg.ticketId(), tg.pendingKey(), tg.internalNoteId()))),
        probe(
            "onto a staff member's reply",
            ATTACH_FILE,
            (p, a, tk) -> {
              Expect attach = onTicket(ATTACH_FILE).expect(p, a, tk);
              if (attach != Expect.ALLOWED) {
                return attach;
              }
              // A file on a comment reads as part of it: only its author (here an admin) or staff
              // add one.
              return a.isStaff() ? Expect.ALLOWED : Expect.ACCESS_DENIED;
            },
            (s, a, tg) ->
                s.confirmAttachment(
                    a,
                    new ConfirmAttachment(tg.ticketId(), tg.pendingKey(), tg.publicCommentId()))));
    put(
        t,
        "deleteTicket(Actor,String)",
        probe(
            "soft",
            DELETE_TICKET,
            onTicket(DELETE_TICKET),
            (s, a, tg) -> s.deleteTicket(a, tg.ticketId())));
    put(
        t,
        "restoreTicket(Actor,String)",
        probe(
            "restore",
            RESTORE_TICKET,
            deletedOrVisible(RESTORE_TICKET),
            (s, a, tg) -> s.restoreTicket(a, tg.ticketId())));
    put(
        t,
        "purgeTicket(Actor,String)",
        probe(
            "purge",
            PURGE_TICKET,
            deletedOrVisible(PURGE_TICKET),
            (s, a, tg) -> {
              s.purgeTicket(a, tg.ticketId());
              return null;
            }));
    put(
        t,
        "resolveTickets(Actor,List)",
        probe(
            "bulk",
            CHANGE_STATUS,
            (p, a, tk) -> {
              if (tk.deleted() || !p.permits(a, VIEW_TICKET, tk)) {
                return Expect.OUTCOME_NOT_FOUND;
              }
              if (tk.status() == Status.RESOLVED || tk.status() == Status.CLOSED) {
                return Expect.ALLOWED; // ALREADY_RESOLVED: the actor sees the status anyway
              }
              return p.permitsStatusChange(a, tk, Status.RESOLVED)
                  ? Expect.ALLOWED
                  : Expect.OUTCOME_NOT_ALLOWED;
            },
            (s, a, tg) -> s.resolveTickets(a, List.of(tg.ticketId()))));
    // The same writes with a client's idempotency key: a fresh key per call, so no call repeats
    // another.
    put(
        t,
        "deleteTicket(Actor,String,String)",
        probe(
            "soft, keyed",
            DELETE_TICKET,
            onTicket(DELETE_TICKET),
            (s, a, tg) -> s.deleteTicket(a, tg.ticketId(), key())));
    put(
        t,
        "restoreTicket(Actor,String,String)",
        probe(
            "restore, keyed",
            RESTORE_TICKET,
            deletedOrVisible(RESTORE_TICKET),
            (s, a, tg) -> s.restoreTicket(a, tg.ticketId(), key())));
    put(
        t,
        "purgeTicket(Actor,String,String)",
        probe(
            "purge, keyed",
            PURGE_TICKET,
            deletedOrVisible(PURGE_TICKET),
            (s, a, tg) -> {
              s.purgeTicket(a, tg.ticketId(), key());
              return null;
            }));
    put(
        t,
        "resolveTickets(Actor,List,String)",
        probe(
            "bulk, keyed",
            CHANGE_STATUS,
            (p, a, tk) -> {
              if (tk.deleted() || !p.permits(a, VIEW_TICKET, tk)) {
                return Expect.OUTCOME_NOT_FOUND;
              }
              if (tk.status() == Status.RESOLVED || tk.status() == Status.CLOSED) {
                return Expect.ALLOWED;
              }
              return p.permitsStatusChange(a, tk, Status.RESOLVED)
                  ? Expect.ALLOWED
                  : Expect.OUTCOME_NOT_ALLOWED;
            },
            (s, a, tg) -> s.resolveTickets(a, List.of(tg.ticketId()), key())));
    put(
        t,
        "recordExternalNote(Actor,ExternalNote)",
        probe(
            "public",
            COMMENT,
            onTicket(COMMENT),
            (s, a, tg) ->
                s.recordExternalNote(
                    a,
                    new ExternalNote(
                        "probe-" + SEQUENCE.incrementAndGet(),
                        tg.ticketId(),
                        "Probe note",
                        null,
                        false))),
        probe(
            "internal",
            ADD_INTERNAL_NOTE,
            onTicket(ADD_INTERNAL_NOTE),
            (s, a, tg) ->
                s.recordExternalNote(
                    a,
                    new ExternalNote(
                        "probe-" + SEQUENCE.incrementAndGet(),
                        tg.ticketId(),
                        "Probe note",
                        null,
                        true))));
    t.put("categories()", List.of());
    t.put("subjects()", List.of());
    put(
        t,
        "ticket(Actor,String)",
        probe(
            "read", VIEW_TICKET, onTicket(VIEW_TICKET), (s, a, tg) -> s.ticket(a, tg.ticketId())));
    // A batch read: a ticket the actor may not see is left out of the answer, never an error.
    put(
        t,
        "ticketDetails(Actor,Collection)",
        probe(
            "details of the target",
            VIEW_TICKET,
            leftOutUnlessVisible(),
            (s, a, tg) -> s.ticketDetails(a, List.of(tg.ticketId()))));
    put(t, "myTickets(Actor)", probe("list", VIEW_TICKET, scoped(), (s, a, tg) -> s.myTickets(a)));
    put(
        t,
        "myAssignedTickets(Actor)",
        probe("list", VIEW_TICKET, scoped(), (s, a, tg) -> s.myAssignedTickets(a)));
    put(
        t,
        "ticketsByCompany(Actor,String)",
        probe(
            "the target's company",
            VIEW_TICKET,
            scoped(),
            (s, a, tg) -> s.ticketsByCompany(a, tg.companyId())));
    put(
        t,
        "tickets(Actor,TicketFilter)",
        probe(
            "admin listing",
            LIST_ALL_TICKETS,
            ticketless(LIST_ALL_TICKETS),
            (s, a, tg) -> s.tickets(a, TicketFilter.none())));
    put(
        t,
        "ticketsPaginated(Actor,PageRequest,TicketFilter)",
        probe(
            "narrowed to the target",
            VIEW_TICKET,
            scoped(),
            (s, a, tg) ->
                s.ticketsPaginated(
                    a,
                    PageRequest.first(100).withTotalCount(),
                    TicketFilter.builder().companyId(tg.companyId()).build())),
        probe(
            "with deleted tickets",
            VIEW_DELETED,
            ticketless(VIEW_DELETED),
            (s, a, tg) ->
                s.ticketsPaginated(
                    a,
                    PageRequest.first(100),
                    TicketFilter.builder().includeDeleted(true).build())));
    put(
        t,
        "ticketStats(Actor,String)",
        probe(
            "of the target's company",
            VIEW_STATISTICS,
            ticketless(VIEW_STATISTICS),
            (s, a, tg) -> s.ticketStats(a, tg.companyId())),
        probe(
            "of everything",
            VIEW_STATISTICS,
            ticketless(VIEW_STATISTICS),
            (s, a, tg) -> s.ticketStats(a, null)));
    put(
        t,
        "history(Actor,String)",
        probe(
            "audit log",
            VIEW_HISTORY,
            onTicket(VIEW_HISTORY),
            (s, a, tg) -> s.history(a, tg.ticketId())));
    put(
        t,
        "changeTags(Actor,ChangeTags)",
        probe(
            "add a tag",
            TAG_TICKET,
            onTicket(TAG_TICKET),
            (s, a, tg) -> s.changeTags(a, ChangeTags.add(tg.ticketId(), "probe"))));
    put(
        t,
        "changeParticipants(Actor,ChangeParticipants)",
        probe(
            "follow",
            MANAGE_FOLLOWERS,
            onTicket(MANAGE_FOLLOWERS),
            (s, a, tg) ->
                s.changeParticipants(a, ChangeParticipants.follow(tg.ticketId(), "sarah"))),
        probe(
            "copy a customer",
            MANAGE_CCS,
            onTicket(MANAGE_CCS),
            (s, a, tg) ->
                s.changeParticipants(a, ChangeParticipants.cc(tg.ticketId(), "probe-cc"))));
    put(
        t,
        "tagStats(Actor,String,int)",
        probe(
            "of everything",
            VIEW_STATISTICS,
            ticketless(VIEW_STATISTICS),
            (s, a, tg) -> s.tagStats(a, null, 10)));
    assignmentRows(t);
    return t;
  }

  /** Automatic assignment and agents' profiles: who may change whom, who may assign by strategy. */
  private static void assignmentRows(Map<String, List<Probe>> t) {
    put(
        t,
        "assignment.autoAssign(Actor,AutoAssign)",
        probe(
            "round robin",
            AUTO_ASSIGN,
            (p, a, tk) -> {
              Expect auto = onTicket(AUTO_ASSIGN).expect(p, a, tk);
              return auto != Expect.ALLOWED || p.permits(a, ASSIGN_TICKET, tk)
                  ? auto
                  : Expect.ACCESS_DENIED;
            },
            (s, a, tg) ->
                assignment(s)
                    .autoAssign(a, AutoAssign.of(tg.ticketId(), AssignmentStrategy.ROUND_ROBIN))));
    put(
        t,
        "assignment.saveAgent(Actor,AgentSettings)",
        probe(
            "a profile",
            MANAGE_AGENTS,
            ticketless(MANAGE_AGENTS),
            (s, a, tg) -> assignment(s).saveAgent(a, AgentSettings.of("mike", 5, "tag:probe"))));
    put(
        t,
        "assignment.removeAgent(Actor,String)",
        probe(
            "a profile",
            MANAGE_AGENTS,
            ticketless(MANAGE_AGENTS),
            (s, a, tg) -> assignment(s).removeAgent(a, "probe-agent")));
    put(
        t,
        "assignment.setAvailability(Actor,String,Availability)",
        probe(
            "of someone else",
            MANAGE_AGENTS,
            ticketless(MANAGE_AGENTS),
            (s, a, tg) -> assignment(s).setAvailability(a, "probe-agent", Availability.AWAY)),
        probe(
            "one's own",
            SET_OWN_AVAILABILITY,
            ticketless(SET_OWN_AVAILABILITY),
            (s, a, tg) -> assignment(s).setAvailability(a, a.id(), Availability.AWAY)));
    put(
        t,
        "assignment.agent(Actor,String)",
        probe(
            "someone else's",
            MANAGE_AGENTS,
            ticketless(MANAGE_AGENTS),
            (s, a, tg) -> assignment(s).agent(a, "probe-agent")));
    put(
        t,
        "assignment.agents(Actor)",
        probe(
            "all",
            MANAGE_AGENTS,
            ticketless(MANAGE_AGENTS),
            (s, a, tg) -> assignment(s).agents(a)));
    put(
        t,
        "assignment.reconcile(Actor)",
        probe(
            "loads",
            MANAGE_AGENTS,
            ticketless(MANAGE_AGENTS),
            (s, a, tg) -> assignment(s).reconcile(a)));
    t.put("assignment.strategies()", List.of());
  }

  /** A client's idempotency key used once. */
  private static String key() {
    return "probe-key-" + SEQUENCE.incrementAndGet();
  }

  private static void put(Map<String, List<Probe>> table, String signature, Probe... probes) {
    table.put(
        signature,
        Arrays.stream(probes)
            .map(p -> new Probe(signature, p.name(), p.operation(), p.decision(), p.invocation()))
            .toList());
  }

  private static Probe probe(String name, Operation op, Decision decision, Invocation invocation) {
    return new Probe("", name, op, decision, invocation);
  }

  /** A single-ticket operation: not visible (or soft-deleted) is not found; refused is denied. */
  static Decision onTicket(Operation op) {
    return (p, a, tk) -> {
      if (tk.deleted() || !p.permits(a, VIEW_TICKET, tk)) {
        return Expect.NOT_FOUND;
      }
      return p.permits(a, op, tk) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
    };
  }

  private static Decision statusTo(Status target) {
    return (p, a, tk) -> {
      Expect visible = onTicket(VIEW_TICKET).expect(p, a, tk);
      if (visible != Expect.ALLOWED) {
        return visible;
      }
      return p.permitsStatusChange(a, tk, target) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
    };
  }

  /** Restore and purge: a deleted ticket exists for those who may list deleted tickets. */
  private static Decision deletedOrVisible(Operation op) {
    return (p, a, tk) -> {
      boolean seen = tk.deleted() ? p.permits(a, VIEW_DELETED, tk) : p.permits(a, VIEW_TICKET, tk);
      if (!seen) {
        return Expect.NOT_FOUND;
      }
      return p.permits(a, op, tk) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
    };
  }

  private static Decision ticketless(Operation op) {
    return (p, a, tk) -> p.permits(a, op) ? Expect.ALLOWED : Expect.ACCESS_DENIED;
  }

  /** Visible: allowed; otherwise answered without it, as a listing would be. */
  private static Decision leftOutUnlessVisible() {
    return (p, a, tk) ->
        onTicket(VIEW_TICKET).expect(p, a, tk) == Expect.ALLOWED ? Expect.ALLOWED : Expect.SCOPED;
  }

  private static Decision scoped() {
    return (p, a, tk) -> Expect.SCOPED;
  }
}
