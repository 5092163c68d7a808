package dev.ticketing.internal;

import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.automation.AssigneeChooser;
import dev.ticketing.memory.InMemoryAssignmentStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.AssignmentStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Plugs automatic assignment into the service: agents' loads kept in the assignment store in each
 * change's unit of work (the assignment store's unit of work opened around the ticket store's), and
 * the {@link AssignmentService} over the built service.
 */
public final class AssignmentWiring {

  private final @Nullable AssignmentStore store;
  private final Map<String, AssignmentStrategy> strategies;

  private AssignmentWiring(
      @Nullable AssignmentStore store, Map<String, AssignmentStrategy> strategies) {
    this.store = store;
    this.strategies = strategies;
  }

  /**
   * Assignment over {@code store} or, beside an in-memory ticket store, a new in-memory one; with
   * no store beside a database ticket store it is off (its service says how to turn it on). The
   * built-in strategies come first; {@code extra} may add more, not replace them.
   *
   * @throws IllegalArgumentException when two strategies share a name
   */
  public static AssignmentWiring of(
      EngineParts parts, @Nullable AssignmentStore store, List<AssignmentStrategy> extra) {
    AssignmentStore kept = store;
    if (kept == null && CountingTicketStore.unwrap(parts.store()) instanceof InMemoryTicketStore) {
      kept = new InMemoryAssignmentStore();
    }
    Map<String, AssignmentStrategy> byName = new LinkedHashMap<>();
    for (AssignmentStrategy s :
        concat(
            List.of(
                AssignmentStrategy.roundRobin(),
                AssignmentStrategy.leastLoaded(),
                AssignmentStrategy.skills()),
            extra)) {
      if (byName.putIfAbsent(s.name(), s) != null) {
        throw new IllegalArgumentException(
            "two assignment strategies are named '" + s.name() + "'");
      }
    }
    return new AssignmentWiring(kept, byName);
  }

  private static List<AssignmentStrategy> concat(
      List<AssignmentStrategy> a, List<AssignmentStrategy> b) {
    java.util.ArrayList<AssignmentStrategy> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The loads' extension ({@link Extension#NONE} when assignment is off). */
  public Extension extension() {
    AssignmentStore s = store;
    if (s == null) {
      return Extension.NONE;
    }
    return new Extension(
        List.of(new LoadKeeper(s)),
        new Enclosure() {
          @Override
          public <T> T around(Supplier<T> work) {
            return s.inTransaction(work);
          }
        });
  }

  /**
   * Assignment by strategy for automation rules: the same pick and claim as automatic assignment,
   * in the rule's unit of work; {@link AssigneeChooser#NONE} when assignment is off.
   */
  public AssigneeChooser chooser(EngineParts parts) {
    AssignmentStore s = store;
    return s == null ? AssigneeChooser.NONE : new StrategyPick(s, parts.clock(), strategies);
  }

  /** The facade over {@code service}, built from the same {@code parts}. */
  public AssignmentService service(EngineParts parts, DefaultTicketService service) {
    AssignmentStore s = store;
    if (s == null) {
      return UnconfiguredAssignment.INSTANCE;
    }
    return new DefaultAssignmentService(
        service, parts.store(), s, parts.directory(), parts.policy(), parts.clock(), strategies);
  }
}
