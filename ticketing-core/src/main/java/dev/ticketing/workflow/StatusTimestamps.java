package dev.ticketing.workflow;

import dev.ticketing.Status;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The times a ticket entered its closing statuses, as they stand after a move. Entering {@link
 * Status#RESOLVED} or {@link Status#CLOSED} stamps the move's time; entering {@link
 * Status#REOPENED} clears both, because the ticket is open again and will be resolved anew; every
 * other status keeps them as they were.
 *
 * @param resolvedAt when the ticket was last resolved, or null
 * @param closedAt when the ticket was last closed, or null
 * @since 0.2.0
 */
public record StatusTimestamps(@Nullable Instant resolvedAt, @Nullable Instant closedAt) {

  /** No closing status entered yet (or since the last reopening). */
  public static final StatusTimestamps NONE = new StatusTimestamps(null, null);

  /** The timestamps after a move to {@code target} at {@code at}. */
  public StatusTimestamps enter(Status target, Instant at) {
    return switch (target) {
      case RESOLVED -> new StatusTimestamps(at, closedAt);
      case CLOSED -> new StatusTimestamps(resolvedAt, at);
      case REOPENED -> NONE;
      default -> this;
    };
  }
}
