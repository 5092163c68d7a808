package dev.ticketing;

import dev.ticketing.sla.SlaStanding;
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
 * @param standing how it stands now, decided as the inbox's standing filter decides it ({@link
 *     SlaStanding#of(dev.ticketing.sla.SlaClock, Instant)}): {@code AT_RISK} once its warning is
 *     due, so a badge agrees with the filter (since 0.2.0)
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
    @Nullable Instant stoppedAt,
    SlaStanding standing) {

  /**
   * A view without a standing of its own: it is derived from the status alone ({@code BREACHED},
   * {@code ON_TRACK} while active, {@code PAUSED}, else {@code NONE}), which cannot tell a target at
   * risk. The engine always gives the standing.
   *
   * @deprecated since 0.2.0, give the standing
   */
  @Deprecated(since = "0.2.0")
  public SlaTargetView(
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
    this(
        ticketId,
        target,
        cycle,
        status,
        breached,
        dueAt,
        remaining,
        policyId,
        startedAt,
        stoppedAt,
        breached
            ? SlaStanding.BREACHED
            : switch (status) {
              case ACTIVE -> SlaStanding.ON_TRACK;
              case PAUSED -> SlaStanding.PAUSED;
              case BREACHED -> SlaStanding.BREACHED;
              case FULFILLED, STOPPED -> SlaStanding.NONE;
            });
  }

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
