package dev.ticketing.assignment;

import dev.ticketing.TicketView;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an automatic assignment did.
 *
 * @param result what happened, with a stable code
 * @param agentId who has the ticket now (null when no agent was available)
 * @param ticket the ticket as the caller sees it afterwards
 * @param strategy the strategy that was asked
 * @since 0.2.0
 */
public record AssignmentOutcome(
    Result result, @Nullable String agentId, TicketView ticket, String strategy) {

  public AssignmentOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(strategy, "strategy");
  }

  /**
   * What happened; the names are stable codes.
   *
   * @since 0.2.0
   */
  public enum Result {
    /** The ticket was assigned to {@link #agentId()} (audited and notified like any assignment). */
    ASSIGNED,
    /** The ticket already had an assignee, {@link #agentId()}; nothing changed. */
    ALREADY_ASSIGNED,
    /**
     * No agent was available, under capacity and (for skills) able to take it; nothing changed.
     */
    NO_AGENT_AVAILABLE
  }

  /** Whether the ticket was assigned by this call. */
  public boolean assigned() {
    return result == Result.ASSIGNED;
  }
}
