package dev.ticketing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Relay-style connection page of tickets, newest first.
 *
 * @param edges the tickets with their cursors
 * @param pageInfo where the page ends and whether more follow
 * @param totalCount every matching ticket, when asked for (otherwise null); when {@code
 *     totalCountCapped}, the cap: more tickets match
 * @param totalCountCapped true when counting stopped at the cap ({@link
 *     CounterSettings#totalCountCap()}): a filter the ticket counters cannot answer is counted up to
 *     the cap only, so that a broad filter never counts a whole table (since 0.2.0)
 * @since 0.1.0
 */
public record TicketPage(
    List<Edge> edges, PageInfo pageInfo, @Nullable Long totalCount, boolean totalCountCapped) {

  public TicketPage {
    edges = List.copyOf(edges);
  }

  /** A page whose total, if any, is exact. */
  public TicketPage(List<Edge> edges, PageInfo pageInfo, @Nullable Long totalCount) {
    this(edges, pageInfo, totalCount, false);
  }

  /** The tickets of the page, without cursors. */
  public List<TicketView> nodes() {
    return edges.stream().map(Edge::node).toList();
  }

  /** A ticket and the opaque cursor that continues after it. */
  public record Edge(TicketView node, String cursor) {}

  /** The GraphQL ticket module's {@code pageInfo}. */
  public record PageInfo(@Nullable String endCursor, boolean hasNextPage) {}
}
