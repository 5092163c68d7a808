package dev.ticketing.assignment;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Assign a ticket by a named strategy.
 *
 * @param ticketId the ticket
 * @param strategy the strategy's {@link AssignmentStrategy#name() name}, e.g. {@link
 *     AssignmentStrategy#ROUND_ROBIN}
 * @param skills skills the ticket needs beyond its category and tags (e.g. {@code lang:de}); null:
 *     none
 * @since 0.2.0
 */
public record AutoAssign(String ticketId, String strategy, @Nullable List<String> skills) {

  /** Assign {@code ticketId} by {@code strategy}, asking for no extra skills. */
  public static AutoAssign of(String ticketId, String strategy) {
    return new AutoAssign(ticketId, strategy, null);
  }
}
