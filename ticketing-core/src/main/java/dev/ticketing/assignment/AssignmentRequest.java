package dev.ticketing.assignment;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a strategy ranks: the ticket to assign and the agents who can take one more ticket now.
 *
 * @param ticketId the ticket
 * @param companyId its company
 * @param priority its priority
 * @param category its category
 * @param tags its tags
 * @param needs the skills it asks for ({@code category:..}, {@code tag:..} and the caller's own),
 *     normalised as {@link AgentProfile} keeps skills
 * @param candidates the agents who are available and under capacity, in agent id order
 * @since 0.2.0
 */
public record AssignmentRequest(
    String ticketId,
    String companyId,
    Priority priority,
    Category category,
    List<String> tags,
    Set<String> needs,
    List<AgentState> candidates) {

  public AssignmentRequest {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(category, "category");
    tags = List.copyOf(tags);
    needs = Set.copyOf(needs);
    candidates = List.copyOf(candidates);
  }
}
