package dev.ticketing.assignment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The strategies every engine offers: round robin, least loaded, skills. */
final class BuiltInStrategies {

  private BuiltInStrategies() {}

  /** Longest since the last assignment first (never assigned first of all), then by id. */
  static final Comparator<AgentState> TURN =
      Comparator.comparing(
              AgentState::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(AgentState::agentId);

  static final AssignmentStrategy ROUND_ROBIN = named(AssignmentStrategy.ROUND_ROBIN, TURN);

  static final AssignmentStrategy LEAST_LOADED =
      named(
          AssignmentStrategy.LEAST_LOADED,
          Comparator.comparingInt(AgentState::load).thenComparing(TURN));

  static final AssignmentStrategy SKILLS =
      new AssignmentStrategy() {
        @Override
        public String name() {
          return AssignmentStrategy.SKILLS;
        }

        @Override
        public List<String> rank(AssignmentRequest request) {
          List<String> required =
              request.needs().stream().filter(n -> !n.startsWith("tag:")).toList();
          List<String> wanted = request.needs().stream().filter(n -> n.startsWith("tag:")).toList();
          Comparator<AgentState> order =
              Comparator.comparingInt((AgentState a) -> -covered(a.profile().skills(), wanted))
                  .thenComparingDouble(a -> (double) a.load() / a.profile().capacity())
                  .thenComparing(TURN);
          return request.candidates().stream()
              .filter(a -> a.profile().skills().containsAll(required))
              .sorted(order)
              .map(AgentState::agentId)
              .toList();
        }

        @Override
        public String toString() {
          return name();
        }
      };

  private static int covered(Set<String> skills, List<String> wanted) {
    int n = 0;
    for (String w : wanted) {
      if (skills.contains(w)) {
        n++;
      }
    }
    return n;
  }

  private static AssignmentStrategy named(String name, Comparator<AgentState> order) {
    return new AssignmentStrategy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> rank(AssignmentRequest request) {
        return request.candidates().stream().sorted(order).map(AgentState::agentId).toList();
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
