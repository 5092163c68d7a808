package dev.ticketing.examples.desk;

import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentOutcome;
import dev.ticketing.assignment.AssignmentService;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.assignment.Availability;
import dev.ticketing.assignment.LoadDrift;
import dev.ticketing.spring.security.ActorResolver;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL extensions of automatic assignment ({@code graphql/assignment.graphqls}): agents'
 * profiles and availability, assignment by a strategy, reconciliation of loads. Each field is one
 * call of the library's {@link AssignmentService} on behalf of the current actor; permissions,
 * validation, audit and notifications happen there.
 */
@Controller
class AssignmentGraphController {
  private final AssignmentService assignment;
  private final ActorResolver actors;

  AssignmentGraphController(AssignmentService assignment, ActorResolver actors) {
    this.assignment = assignment;
    this.actors = actors;
  }

  /** An agent as the schema shows one. */
  record AgentNode(
      String agentId,
      List<String> skills,
      int capacity,
      Availability availability,
      int load,
      @Nullable Instant lastAssignedAt) {
    static AgentNode of(AgentState s) {
      return new AgentNode(
          s.agentId(),
          List.copyOf(s.profile().skills()),
          s.profile().capacity(),
          s.profile().availability(),
          s.load(),
          s.lastAssignedAt());
    }
  }

  /** The outcome of an automatic assignment as the schema shows it. */
  record ResultNode(
      AssignmentOutcome.Result result,
      @Nullable String agentId,
      String strategy,
      TicketNode ticket) {}

  /** {@code AssignmentAgentInput}. */
  record AgentInput(
      String agentId,
      @Nullable List<String> skills,
      @Nullable Integer capacity,
      @Nullable Availability availability) {}

  @QueryMapping
  List<AgentNode> assignmentAgents() {
    return assignment.agents(actors.currentActor()).stream().map(AgentNode::of).toList();
  }

  @QueryMapping
  @Nullable AgentNode assignmentAgent(@Argument String agentId) {
    return assignment.agent(actors.currentActor(), agentId).map(AgentNode::of).orElse(null);
  }

  @QueryMapping
  List<String> assignmentStrategies() {
    return List.copyOf(assignment.strategies());
  }

  @MutationMapping
  AgentNode saveAssignmentAgent(@Argument AgentInput input) {
    return AgentNode.of(
        assignment.saveAgent(
            actors.currentActor(),
            new AgentSettings(
                input.agentId(), input.skills(), input.capacity(), input.availability())));
  }

  @MutationMapping
  AgentNode setAgentAvailability(@Argument String agentId, @Argument Availability availability) {
    return AgentNode.of(assignment.setAvailability(actors.currentActor(), agentId, availability));
  }

  @MutationMapping
  ResultNode autoAssignTicket(
      @Argument String ticketId,
      @Argument String strategy,
      @Argument @Nullable List<String> skills) {
    AssignmentOutcome o =
        assignment.autoAssign(actors.currentActor(), new AutoAssign(ticketId, strategy, skills));
    return new ResultNode(o.result(), o.agentId(), o.strategy(), TicketNode.of(o.ticket()));
  }

  @MutationMapping
  List<LoadDrift> reconcileAgentLoads() {
    return assignment.reconcile(actors.currentActor());
  }
}
