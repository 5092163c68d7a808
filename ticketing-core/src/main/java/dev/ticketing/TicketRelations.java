package dev.ticketing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A ticket's links and merges, as far as the actor may see the tickets at their other ends: a link
 * or merge to a ticket the actor cannot see is left out.
 *
 * @param ticketId the ticket
 * @param links its links, from either end, oldest first
 * @param mergedInto the ticket it was merged into, or null when it is not merged
 * @param merged the tickets merged into it, oldest first
 * @since 0.2.0
 */
public record TicketRelations(
    String ticketId, List<LinkView> links, @Nullable MergeView mergedInto, List<MergeView> merged) {
  public TicketRelations {
    links = List.copyOf(links);
    merged = List.copyOf(merged);
  }
}
