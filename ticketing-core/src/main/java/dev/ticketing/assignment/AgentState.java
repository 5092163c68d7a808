package dev.ticketing.assignment;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An agent's profile with their current load, as the assignment store keeps it.
 *
 * @param profile skills, capacity, availability
 * @param load how many open tickets (open, in progress, waiting for the customer, reopened) are
 *     assigned to the agent now
 * @param lastAssignedAt when automatic assignment last gave the agent a ticket; null: never
 * @since 0.2.0
 */
public record AgentState(AgentProfile profile, int load, @Nullable Instant lastAssignedAt) {

  public AgentState {
    Objects.requireNonNull(profile, "profile");
  }

  public String agentId() {
    return profile.agentId();
  }

  /** Whether the agent takes one more ticket now: available and under capacity. */
  public boolean canTakeOne() {
    return profile.availability() == Availability.AVAILABLE && load < profile.capacity();
  }
}
