package dev.ticketing.bench;

import dev.ticketing.Status;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.Role;
import dev.ticketing.policy.TicketFacts;
import dev.ticketing.workflow.TransitionTable;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The decision the service takes before every status change: may this actor move this ticket to
 * that status ({@link PermissionPolicy#permitsStatusChange}), and does the state machine allow the
 * move ({@link TransitionTable#allows})? Also each half on its own, and a hand-written if/switch
 * chain of the GraphQL ticket module's matrix as the baseline the table-driven code is compared against.
 *
 * <p>Each invocation walks {@value #CASES} pre-built cases that mix customers on their own and on
 * foreign tickets, agents on assigned and unassigned tickets, and admins, over random statuses and
 * targets. The mix is random with a fixed seed, so branches are not trivially predictable but every
 * run measures the same work. Scores are per decision ({@link OperationsPerInvocation}).
 *
 * <p>Run it from the uber-jar: {@code java -jar benchmarks/target/benchmarks.jar DecisionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

  /**
   * Enough cases that the branch predictor cannot learn the whole sequence, few enough that they
   * stay in the CPU caches: the benchmark measures the decision, not memory.
   */
  static final int CASES = 4096;

  private static final String[] COMPANIES = {"acme", "globex", "initech"};
  private static final Status[] STATUSES = Status.values();

  /** The ticket facts a store hands the service, reduced to what the policy reads. */
  record Facts(String companyId, String createdBy, @Nullable String assigneeId, Status status)
      implements TicketFacts {}

  // Non-final state fields: JMH's advice, so the JIT cannot constant-fold the policy or the table.
  PermissionPolicy policy;
  TransitionTable transitions;

  // Parallel arrays rather than an array of case objects: one indirection fewer per case, the
  // same for the measured code and the baseline.
  Actor[] actors;
  Facts[] tickets;
  Status[] targets;

  @Setup
  public void setUp() {
    policy = MatrixPolicy.standard();
    transitions = TransitionTable.STANDARD;
    actors = new Actor[CASES];
    tickets = new Facts[CASES];
    targets = new Status[CASES];

    SplittableRandom random = new SplittableRandom(20261122L);
    for (int i = 0; i < CASES; i++) {
      String company = COMPANIES[random.nextInt(COMPANIES.length)];
      String customer = "customer-" + random.nextInt(20);
      String agent = "agent-" + random.nextInt(5);
      String otherAgent = "agent-" + (5 + random.nextInt(5));
      Status status = STATUSES[random.nextInt(STATUSES.length)];
      @Nullable String assignee = random.nextBoolean() ? agent : null;

      Actor actor;
      Facts ticket;
      switch (random.nextInt(5)) {
        case 0 -> { // customer on a ticket they created
          actor = Actor.customer(customer, company);
          ticket = facts(company, customer, assignee, status);
        }
        case 1 -> { // customer on someone else's ticket, in their company or another one
          actor = Actor.customer(customer, company);
          String otherCompany =
              random.nextBoolean() ? company : COMPANIES[random.nextInt(COMPANIES.length)];
          ticket = facts(otherCompany, customer + "-other", assignee, status);
        }
        case 2 -> { // agent on a ticket assigned to them
          actor = Actor.agent(agent);
          ticket = facts(company, customer, agent, status);
        }
        case 3 -> { // agent on a ticket assigned to another agent, or to nobody
          actor = Actor.agent(otherAgent);
          ticket = facts(company, customer, assignee, status);
        }
        default -> { // admin
          actor = Actor.admin("admin-" + random.nextInt(2));
          ticket = facts(company, customer, assignee, status);
        }
      }
      actors[i] = actor;
      tickets[i] = ticket;
      targets[i] = STATUSES[random.nextInt(STATUSES.length)];
    }
    verifyBaselineAgrees();
  }

  /**
   * Copies the ids, as in production where the actor's ids come from the request and the ticket's
   * from the store: identical references would let {@code String.equals} return at its first check.
   */
  private static Facts facts(
      String companyId, String createdBy, @Nullable String assigneeId, Status status) {
    return new Facts(
        new String(companyId),
        new String(createdBy),
        assigneeId == null ? null : new String(assigneeId),
        status);
  }

  /** A ratio to a baseline that decides differently would mean nothing: refuse to run. */
  private void verifyBaselineAgrees() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      Facts t = tickets[i];
      boolean real =
          policy.permitsStatusChange(actors[i], t, targets[i])
              && transitions.allows(t.status(), targets[i]);
      boolean hand =
          baselinePermitsStatusChange(actors[i], t, targets[i])
              && baselineAllows(t.status(), targets[i]);
      boolean realView = policy.permits(actors[i], Operation.VIEW_TICKET, t);
      if (real != hand || realView != baselineMayView(actors[i], t)) {
        throw new IllegalStateException(
            "baseline disagrees with the policy on case "
                + i
                + ": "
                + actors[i]
                + " "
                + t
                + " -> "
                + targets[i]);
      }
      allowed += real ? 1 : 0;
    }
    // A mix that allowed (almost) nothing or everything would be trivially predictable.
    if (allowed < CASES / 20 || allowed > CASES - CASES / 20) {
      throw new IllegalStateException(
          "case mix is lopsided: " + allowed + " of " + CASES + " allowed");
    }
  }

  // ---- the library's code

  /** Permission, then state machine: what the service checks before a status change. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int statusChangeDecision() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      Facts t = tickets[i];
      Status target = targets[i];
      if (policy.permitsStatusChange(actors[i], t, target)
          && transitions.allows(t.status(), target)) {
        allowed++;
      }
    }
    return allowed; // returned values go to JMH's blackhole, so nothing is dead code
  }

  /** The check behind every read of a single ticket. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int viewPermission() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      if (policy.permits(actors[i], Operation.VIEW_TICKET, tickets[i])) {
        allowed++;
      }
    }
    return allowed;
  }

  /** The state machine alone: one array read and a bit test. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int transitionLookup() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      if (transitions.allows(tickets[i].status(), targets[i])) {
        allowed++;
      }
    }
    return allowed;
  }

  // ---- baselines: the GraphQL ticket module's rules hard-coded, the fastest a fixed matrix could
  // be

  /** The same decision as {@link #statusChangeDecision()}, hand-written. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int baselineStatusChangeDecision() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      Facts t = tickets[i];
      Status target = targets[i];
      if (baselinePermitsStatusChange(actors[i], t, target) && baselineAllows(t.status(), target)) {
        allowed++;
      }
    }
    return allowed;
  }

  /** The same decision as {@link #viewPermission()}, hand-written. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int baselineViewPermission() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      if (baselineMayView(actors[i], tickets[i])) {
        allowed++;
      }
    }
    return allowed;
  }

  /** The same decision as {@link #transitionLookup()}, as a switch. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int baselineTransitionLookup() {
    int allowed = 0;
    for (int i = 0; i < CASES; i++) {
      if (baselineAllows(tickets[i].status(), targets[i])) {
        allowed++;
      }
    }
    return allowed;
  }

  static boolean baselinePermitsStatusChange(Actor actor, TicketFacts ticket, Status target) {
    return switch (actor.role()) {
      case CUSTOMER ->
          ownedBy(actor, ticket) && (target == Status.CANCELLED || target == Status.REOPENED);
      case AGENT -> actor.id().equals(ticket.assigneeId());
      case ADMIN, SUPER_ADMIN -> true;
    };
  }

  static boolean baselineMayView(Actor actor, TicketFacts ticket) {
    Role role = actor.role();
    if (role == Role.CUSTOMER) {
      return ownedBy(actor, ticket);
    }
    if (role == Role.AGENT) {
      return actor.id().equals(ticket.assigneeId());
    }
    return true;
  }

  private static boolean ownedBy(Actor actor, TicketFacts ticket) {
    return actor.id().equals(ticket.createdBy()) && ticket.companyId().equals(actor.companyId());
  }

  static boolean baselineAllows(Status from, Status to) {
    return switch (from) {
      case OPEN -> to == Status.IN_PROGRESS || to == Status.RESOLVED || to == Status.CANCELLED;
      case IN_PROGRESS ->
          to == Status.WAITING_FOR_CUSTOMER || to == Status.RESOLVED || to == Status.CANCELLED;
      case WAITING_FOR_CUSTOMER ->
          to == Status.IN_PROGRESS || to == Status.RESOLVED || to == Status.CANCELLED;
      case RESOLVED -> to == Status.CLOSED || to == Status.REOPENED;
      case CLOSED -> to == Status.REOPENED;
      case REOPENED -> to == Status.IN_PROGRESS || to == Status.RESOLVED || to == Status.CANCELLED;
      case CANCELLED -> false;
    };
  }
}
