package dev.ticketing.assignment;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An admin's change of an agent's assignment profile; what is null stays as it is (a new agent
 * gets no skills, {@link AgentProfile#DEFAULT_CAPACITY} and {@link Availability#AVAILABLE}).
 *
 * @param agentId the staff member
 * @param skills the agent's skills, replacing the ones kept
 * @param capacity the most open tickets the agent holds at once
 * @param availability whether the agent takes new tickets now
 * @since 0.2.0
 */
public record AgentSettings(
    String agentId,
    @Nullable List<String> skills,
    @Nullable Integer capacity,
    @Nullable Availability availability) {

  /** Settings of an available agent with these skills and capacity. */
  public static AgentSettings of(String agentId, int capacity, String... skills) {
    return new AgentSettings(agentId, List.of(skills), capacity, Availability.AVAILABLE);
  }
}
