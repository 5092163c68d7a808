package dev.ticketing.assignment;

import java.util.List;

/**
 * Ranks the agents who could take a ticket. The engine gives a strategy only agents who are
 * available and under capacity (as the store read them a moment ago), then claims the first of the
 * ranking that still has room when its row is locked, then the next: a strategy never has to think
 * about capacity, availability or concurrent assignments, only about preference. An agent left out
 * of the ranking is never chosen; an empty ranking means "no agent available".
 *
 * <p>Implementations must be thread-safe and should be deterministic for a given request. Register
 * your own with {@code Ticketing.builder().assignmentStrategy(..)}; the built-ins are {@link
 * #roundRobin()}, {@link #leastLoaded()} and {@link #skills()}.
 *
 * @since 0.2.0
 */
public interface AssignmentStrategy {

  /** The name of {@link #roundRobin()}. */
  String ROUND_ROBIN = "round-robin";

  /** The name of {@link #leastLoaded()}. */
  String LEAST_LOADED = "least-loaded";

  /** The name of {@link #skills()}. */
  String SKILLS = "skills";

  /** The name callers choose the strategy by: 1 to 64 letters, digits, {@code . _ -}. */
  String name();

  /** The agent ids of {@code request}'s candidates, most preferred first. */
  List<String> rank(AssignmentRequest request);

  /**
   * Takes turns: the agent whose last automatic assignment is longest ago first (never assigned
   * before anyone), ties by agent id. The turn is kept per agent in the store and moved when the
   * agent is claimed, under the claim's lock, so instances sharing a database share one rotation.
   */
  static AssignmentStrategy roundRobin() {
    return BuiltInStrategies.ROUND_ROBIN;
  }

  /** The agent with the fewest open tickets first; ties by round robin. */
  static AssignmentStrategy leastLoaded() {
    return BuiltInStrategies.LEAST_LOADED;
  }

  /**
   * Only agents who hold every skill the ticket needs besides tags (its {@code category:..} and
   * what the caller added, e.g. {@code lang:de}); among them, those covering more of the ticket's
   * {@code tag:..} skills first, then the least loaded relative to capacity, then by round robin.
   */
  static AssignmentStrategy skills() {
    return BuiltInStrategies.SKILLS;
  }
}
