package dev.ticketing.internal;

import dev.ticketing.DirectoryUnavailableException;
import dev.ticketing.NotFoundException;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentOutcome;
import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.assignment.Availability;
import dev.ticketing.assignment.LoadDrift;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UserInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine behind {@link AssignmentService}: profiles checked and kept in the {@link
 * AssignmentStore}, automatic assignment through {@link DefaultTicketService#assignChosen} (the
 * pick and its claim in the assignment's own unit of work), and reconciliation of loads against the
 * tickets.
 */
final class DefaultAssignmentService implements AssignmentService {

  private final DefaultTicketService tickets;
  private final TicketStore ticketStore;
  private final AssignmentStore store;
  private final Directory directory;
  private final Access access;
  private final Map<String, AssignmentStrategy> strategies;
  private final StrategyPick pick;

  DefaultAssignmentService(
      DefaultTicketService tickets,
      TicketStore ticketStore,
      AssignmentStore store,
      Directory directory,
      PermissionPolicy policy,
      Clock clock,
      Map<String, AssignmentStrategy> strategies) {
    this.tickets = tickets;
    this.ticketStore = ticketStore;
    this.store = store;
    this.directory = directory;
    this.access = new Access(ticketStore, policy);
    this.strategies = Map.copyOf(strategies);
    this.pick = new StrategyPick(store, clock, strategies);
  }

  // ------------------------------------------------------------------ profiles

  @Override
  public AgentState saveAgent(Actor actor, AgentSettings settings) {
    if (settings == null) {
      throw ValidationException.of("settings", "is required");
    }
    String agentId = InputValidator.checkId("agentId", settings.agentId());
    List<Violation> problems = new ArrayList<>();
    Set<String> skills =
        settings.skills() == null ? null : skills("skills", settings.skills(), problems);
    Integer capacity = settings.capacity();
    if (capacity != null && (capacity < 1 || capacity > AgentProfile.MAX_CAPACITY)) {
      problems.add(new Violation("capacity", "must be 1 to " + AgentProfile.MAX_CAPACITY));
    }
    InputValidator.throwIfAny(problems);
    access.require(actor, Operation.MANAGE_AGENTS, "agent " + agentId);
    requireStaff(agentId);
    return store.inTransaction(
        () -> {
          AgentState old = store.agentForUpdate(agentId).orElse(null);
          AgentProfile profile =
              new AgentProfile(
                  agentId,
                  skills != null ? skills : old != null ? old.profile().skills() : Set.of(),
                  capacity != null
                      ? capacity
                      : old != null ? old.profile().capacity() : AgentProfile.DEFAULT_CAPACITY,
                  settings.availability() != null
                      ? settings.availability()
                      : old != null ? old.profile().availability() : Availability.AVAILABLE);
          store.saveAgent(profile, old != null ? old.load() : openTicketsOf(agentId));
          return store.agent(agentId).orElseThrow();
        });
  }

  @Override
  public boolean removeAgent(Actor actor, String agentId) {
    InputValidator.checkId("agentId", agentId);
    access.require(actor, Operation.MANAGE_AGENTS, "agent " + agentId);
    return store.inTransaction(() -> store.deleteAgent(agentId));
  }

  @Override
  public AgentState setAvailability(Actor actor, String agentId, Availability availability) {
    InputValidator.checkId("agentId", agentId);
    if (availability == null) {
      throw ValidationException.of("availability", "is required");
    }
    requireSelfOrManager(actor, agentId);
    return store.inTransaction(
        () -> {
          AgentState a =
              store
                  .agentForUpdate(agentId)
                  .orElseThrow(() -> new NotFoundException("agent", agentId));
          store.saveAgent(a.profile().withAvailability(availability), a.load());
          return store.agent(agentId).orElseThrow();
        });
  }

  @Override
  public Optional<AgentState> agent(Actor actor, String agentId) {
    InputValidator.checkId("agentId", agentId);
    requireSelfOrManager(actor, agentId);
    return store.agent(agentId);
  }

  @Override
  public List<AgentState> agents(Actor actor) {
    access.require(actor, Operation.MANAGE_AGENTS, "agents");
    return store.agents();
  }

  @Override
  public Set<String> strategies() {
    return new TreeSet<>(strategies.keySet());
  }

  // ------------------------------------------------------------------ assignment

  @Override
  public AssignmentOutcome autoAssign(Actor actor, AutoAssign command) {
    if (command == null) {
      throw ValidationException.of("input", "is required");
    }
    List<Violation> problems = new ArrayList<>();
    AssignmentStrategy strategy =
        command.strategy() == null ? null : strategies.get(command.strategy());
    if (strategy == null) {
      problems.add(new Violation("strategy", "must be one of " + strategies()));
    }
    Set<String> extra =
        command.skills() == null ? Set.of() : skills("skills", command.skills(), problems);
    InputValidator.throwIfAny(problems);
    InputValidator.checkId("ticketId", command.ticketId());
    AssignmentStrategy chosen = java.util.Objects.requireNonNull(strategy);
    ChosenAssignment.Chosen done =
        tickets.assignChosen(
            actor,
            command.ticketId(),
            Operation.AUTO_ASSIGN,
            t -> pick.pick(t, chosen, Set.of(), extra));
    AssignmentOutcome.Result result =
        done.assignedNow()
            ? AssignmentOutcome.Result.ASSIGNED
            : done.assigneeId() != null
                ? AssignmentOutcome.Result.ALREADY_ASSIGNED
                : AssignmentOutcome.Result.NO_AGENT_AVAILABLE;
    return new AssignmentOutcome(result, done.assigneeId(), done.ticket(), chosen.name());
  }

  // ------------------------------------------------------------------ reconciliation

  @Override
  public List<LoadDrift> reconcile(Actor actor) {
    access.require(actor, Operation.MANAGE_AGENTS, "agent loads");
    List<LoadDrift> drifts = new ArrayList<>();
    for (AgentState listed : store.agents()) {
      LoadDrift drift =
          store.inTransaction(
              () -> {
                AgentState a = store.agentForUpdate(listed.agentId()).orElse(null);
                if (a == null) {
                  return null;
                }
                int actual = openTicketsOf(a.agentId());
                if (actual == a.load()) {
                  return null;
                }
                store.setLoad(a.agentId(), actual);
                return new LoadDrift(a.agentId(), a.load(), actual);
              });
      if (drift != null) {
        drifts.add(drift);
      }
    }
    return drifts;
  }

  /** The active, undeleted tickets assigned to the agent, counted in the tickets' store. */
  private int openTicketsOf(String agentId) {
    return ticketStore.inTransaction(
        () -> {
          long n = 0;
          for (Status s : Status.active()) {
            TicketFilter filter = TicketFilter.builder().status(s).assignedToId(agentId).build();
            n +=
                ticketStore.count(
                    new TicketQuery(
                        VisibilityScope.EVERYTHING,
                        filter,
                        CommentSearch.NONE,
                        SortOrder.NEWEST_FIRST,
                        null,
                        1));
          }
          return Math.toIntExact(n);
        });
  }

  // ------------------------------------------------------------------ checks

  private void requireSelfOrManager(Actor actor, String agentId) {
    Operation op =
        actor.id().equals(agentId) ? Operation.SET_OWN_AVAILABILITY : Operation.MANAGE_AGENTS;
    access.require(actor, op, "agent " + agentId);
  }

  private void requireStaff(String agentId) {
    UserInfo user;
    try {
      Map<String, UserInfo> found = directory.users(List.of(agentId));
      user = found == null ? null : found.get(agentId);
    } catch (RuntimeException e) {
      throw new DirectoryUnavailableException(
          "the directory could not say whether the agent is staff; retry", e);
    }
    if (user == null || !user.role().isStaff()) {
      throw ValidationException.of("agentId", "must be a staff member");
    }
  }

  private static Set<String> skills(String field, List<String> given, List<Violation> problems) {
    if (given.size() > AgentProfile.MAX_SKILLS) {
      problems.add(new Violation(field, "must list at most " + AgentProfile.MAX_SKILLS));
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < given.size(); i++) {
      String s = given.get(i) == null ? "" : AgentProfile.normalise(given.get(i));
      if (!AgentProfile.wellFormed(s)) {
        problems.add(
            new Violation(
                field + "[" + i + "]",
                "must be 1 to " + AgentProfile.MAX_SKILL_LENGTH + " letters, digits or : . _ -"));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
