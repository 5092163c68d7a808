package dev.ticketing;

import dev.ticketing.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One service-level target of a ticket as staff see it at a given instant.
 *
 * @param ticketId the ticket
 * @param target what is measured
 * @param cycle which clock of that target (1, then up with each new one)
 * @param status where it stands now
 * @param breached whether its due time has come unmet (also for one met late)
 * @param dueAt when it is or was due; null while paused short of its goal
 * @param remaining working time left before the due time; zero once due or ended
 * @param policyId the policy whose goal it runs under
 * @param startedAt when the clock started
 * @param stoppedAt when it last stopped counting; null while it counts
 * @since 0.1.0
 */
public record SlaTargetView(
    String ticketId,
    SlaTarget target,
    int cycle,
    Status status,
    boolean breached,
    @Nullable Instant dueAt,
    Duration remaining,
    String policyId,
    Instant startedAt,
    @Nullable Instant stoppedAt) {

  /**
   * Where a target stands.
   *
   * @since 0.1.0
   */
  public enum Status {
    /** Counting, due time ahead. */
    ACTIVE,
    /** Not counting: the ticket waits in a pausing status. */
    PAUSED,
    /** Met (see {@code breached} for whether in time). */
    FULFILLED,
    /** Open and past its due time. */
    BREACHED,
    /** Ended unmet without breaching: the ticket was cancelled, or the target no longer applies. */
    STOPPED
  }
}
