package dev.ticketing.spi;

import dev.ticketing.sla.SlaTarget;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SlaStore#list} lists: active clocks by due time, soonest first ({@link
 * Order#DUE_SOONEST}), or clocks that breached by {@code now}, longest overdue first ({@link
 * Order#BREACHED}), or of those the ones still open ({@link Order#OVERDUE}); after a keyset
 * position, at most {@code limit}.
 *
 * @param target only clocks of this target; null: all
 * @param after the position of the last record already returned; null: from the start
 * @since 0.1.0
 */
public record SlaListing(
    Order order, @Nullable SlaTarget target, Instant now, @Nullable Position after, int limit) {

  /** How the list is sorted, and what it holds. */
  public enum Order {
    /** Active clocks, earliest due time first. */
    DUE_SOONEST,
    /** Clocks whose breach time has come, earliest breach first. */
    BREACHED,
    /**
     * Clocks whose breach time has come and that are still open (active or paused), earliest breach
     * first: what is overdue now.
     *
     * @since 0.2.0
     */
    OVERDUE
  }

  /**
   * A keyset position: the sort instant and the clock's identity.
   *
   * @since 0.1.0
   */
  public record Position(Instant at, String ticketId, SlaTarget target, int cycle) {}

  public SlaListing {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /** The position of a record in this listing's order. */
  public Position positionOf(SlaRecord r) {
    Instant at = order == Order.DUE_SOONEST ? r.clock().dueAt() : r.clock().breachAt();
    return new Position(
        Objects.requireNonNull(at, "a listed clock has its sort time"),
        r.ticketId(),
        r.clock().target(),
        r.clock().cycle());
  }
}
