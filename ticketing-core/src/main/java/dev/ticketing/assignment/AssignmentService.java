package dev.ticketing.assignment;

import dev.ticketing.policy.Actor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Automatic assignment and the agents' profiles it works from. Reached through {@code
 * Ticketing.assignment()}.
 *
 * <p>Permissions ({@link dev.ticketing.policy.Operation}): {@code MANAGE_AGENTS} to change and list
 * profiles and to reconcile loads (admins by default); {@code SET_OWN_AVAILABILITY} for staff to
 * read their own profile and to say whether they take tickets; {@code AUTO_ASSIGN} together with
 * {@code ASSIGN_TICKET} on the ticket to assign it by a strategy.
 *
 * @since 0.2.0
 */
public interface AssignmentService {

  /**
   * Creates or changes an agent's profile. The agent must be staff in the directory. A new agent's
   * load is counted from the tickets assigned to them.
   */
  AgentState saveAgent(Actor actor, AgentSettings settings);

  /** Removes an agent's profile; their tickets stay assigned. False when there was none. */
  boolean removeAgent(Actor actor, String agentId);

  /**
   * Sets whether an agent takes new tickets: staff for themselves, admins for anyone. Not found
   * when the agent has no profile.
   */
  AgentState setAvailability(Actor actor, String agentId, Availability availability);

  /** An agent's profile and load: staff their own, admins anyone's. */
  Optional<AgentState> agent(Actor actor, String agentId);

  /** Every agent's profile and load, by agent id (admins). */
  List<AgentState> agents(Actor actor);

  /** The names of the strategies callers may ask for. */
  Set<String> strategies();

  /**
   * Assigns an unassigned ticket by the named strategy, through the normal assignment path (the
   * state machine, the audit entry, the assignee's notification). Agents who are away or at
   * capacity are never chosen, and no agent's load passes their capacity however many instances
   * assign at once. A ticket that already has an assignee keeps it ({@code ALREADY_ASSIGNED}).
   *
   * @throws dev.ticketing.ValidationException for an unknown strategy or malformed skills
   */
  AssignmentOutcome autoAssign(Actor actor, AutoAssign command);

  /**
   * Compares every agent's kept load with the open tickets assigned to them, corrects those that
   * drifted and returns them (empty when all agreed). Admins.
   */
  List<LoadDrift> reconcile(Actor actor);
}
