package dev.ticketing.internal;

import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentOutcome;
import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.assignment.Availability;
import dev.ticketing.assignment.LoadDrift;
import dev.ticketing.policy.Actor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Assignment on a database ticket store that was given no assignment store: every call says how to
 * give one, since loads kept in memory would be wrong as soon as a second instance assigns.
 */
final class UnconfiguredAssignment implements AssignmentService {

  static final UnconfiguredAssignment INSTANCE = new UnconfiguredAssignment();

  private UnconfiguredAssignment() {}

  private static IllegalStateException off() {
    return new IllegalStateException(
        "automatic assignment on a database store needs an assignment store on the same database:"
            + " Ticketing.builder().assignmentStore(..)");
  }

  @Override
  public AgentState saveAgent(Actor actor, AgentSettings settings) {
    throw off();
  }

  @Override
  public boolean removeAgent(Actor actor, String agentId) {
    throw off();
  }

  @Override
  public AgentState setAvailability(Actor actor, String agentId, Availability availability) {
    throw off();
  }

  @Override
  public Optional<AgentState> agent(Actor actor, String agentId) {
    throw off();
  }

  @Override
  public List<AgentState> agents(Actor actor) {
    throw off();
  }

  @Override
  public Set<String> strategies() {
    return Set.of();
  }

  @Override
  public AssignmentOutcome autoAssign(Actor actor, AutoAssign command) {
    throw off();
  }

  @Override
  public List<LoadDrift> reconcile(Actor actor) {
    throw off();
  }
}
