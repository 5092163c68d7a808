package dev.ticketing.internal;

import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentRequest;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.automation.AssigneeChooser;
import dev.ticketing.spi.AssignmentStore;
import dev.ticketing.spi.TicketRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Picks an agent for a ticket by a strategy, in the unit of work that assigns it: the strategy's
 * ranking of the agents who can take one more ticket, then the first whose claim succeeds (the
 * claim re-checks capacity and availability under a lock held until the assignment commits). Used
 * by automatic assignment and, as an {@link AssigneeChooser}, by automation rules.
 */
final class StrategyPick implements AssigneeChooser {

  private final AssignmentStore store;
  private final Clock clock;
  private final Map<String, AssignmentStrategy> strategies;

  StrategyPick(AssignmentStore store, Clock clock, Map<String, AssignmentStrategy> strategies) {
    this.store = store;
    this.clock = clock;
    this.strategies = Map.copyOf(strategies);
  }

  @Override
  public @Nullable String choose(TicketRecord ticket, String strategy) {
    return choose(ticket, strategy, Set.of());
  }

  /**
   * Only agents holding every one of {@code skills} are candidates (whatever the strategy), and the
   * skills strategy also counts them among what the ticket needs.
   */
  @Override
  public @Nullable String choose(TicketRecord ticket, String strategy, Set<String> skills) {
    AssignmentStrategy s = strategies.get(strategy);
    if (s == null) {
      return null;
    }
    Set<String> required = required(skills);
    return store.inTransaction(() -> pick(ticket, s, required, required));
  }

  @Override
  public Set<String> strategies() {
    return new TreeSet<>(strategies.keySet());
  }

  /** Whether {@link #choose} would find somebody now, claiming nobody. */
  boolean wouldChoose(TicketRecord ticket, String strategy, Set<String> skills) {
    AssignmentStrategy s = strategies.get(strategy);
    if (s == null) {
      return false;
    }
    AssignmentRequest request = request(ticket, required(skills), required(skills));
    return request != null && !s.rank(request).isEmpty();
  }

  private static Set<String> required(Set<String> skills) {
    Set<String> out = new TreeSet<>();
    skills.forEach(k -> out.add(AgentProfile.normalise(k)));
    return out;
  }

  /** What the strategy ranks: null when no agent can take the ticket. */
  private @Nullable AssignmentRequest request(
      TicketRecord t, Set<String> required, Set<String> extra) {
    List<AgentState> candidates =
        store.agents().stream()
            .filter(AgentState::canTakeOne)
            .filter(a -> a.profile().skills().containsAll(required))
            .toList();
    if (candidates.isEmpty()) {
      return null;
    }
    Set<String> needs = new LinkedHashSet<>();
    needs.add("category:" + t.category().name().toLowerCase(Locale.ROOT));
    t.tags().forEach(tag -> needs.add("tag:" + AgentProfile.normalise(tag)));
    needs.addAll(extra);
    return new AssignmentRequest(
        t.id(), t.companyId(), t.priority(), t.category(), t.tags(), needs, candidates);
  }

  /**
   * The picked agent among those who can take one more and hold every skill of {@code required},
   * {@code extra} added to what the ticket needs; null when nobody can take it.
   */
  @Nullable String pick(
      TicketRecord t, AssignmentStrategy strategy, Set<String> required, Set<String> extra) {
    AssignmentRequest request = request(t, required, extra);
    if (request == null) {
      return null;
    }
    Set<String> offered = new HashSet<>();
    request.candidates().forEach(c -> offered.add(c.agentId()));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    for (String agentId : strategy.rank(request)) {
      // A strategy chooses among the candidates only; a claim re-checks room under the lock.
      if (offered.remove(agentId) && store.claim(agentId, now)) {
        return agentId;
      }
    }
    return null;
  }
}
