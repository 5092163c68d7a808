package dev.ticketing.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One cycle of one target of one ticket: what it has counted and when it is due. Counted time is
 * kept as of the last change ({@code elapsed} up to {@code runningSince} while active), so that the
 * clock's state only changes when the ticket does; what it shows at an instant is worked out from
 * there ({@link #counted}, {@link #remaining}).
 *
 * @param target what is measured
 * @param cycle 1 for the first clock of a target on a ticket, counting up with each new one (each
 *     customer reply that starts a next-response clock, each restart on reopening)
 * @param state where it stands
 * @param policyId the policy whose goal it runs under
 * @param calendarId the calendar it counts in; null: calendar hours
 * @param goal how much working time it may count before it is due
 * @param elapsed working time counted up to {@code runningSince} (active) or up to when it last
 *     stopped counting
 * @param startedAt when the cycle started
 * @param runningSince when it last started counting; set exactly while active
 * @param stoppedAt when it last stopped counting (paused, fulfilled, stopped); null while active
 * @param dueAt when its counted time reaches the goal: while it counts, or when that happened before
 *     it stopped; null while paused short of the goal
 * @param warnAt when its remaining time falls to the policy's warning lead, on the same terms; null
 *     when the policy warns of nothing
 * @since 0.1.0
 */
public record SlaClock(
    SlaTarget target,
    int cycle,
    ClockState state,
    String policyId,
    @Nullable String calendarId,
    Duration goal,
    Duration elapsed,
    Instant startedAt,
    @Nullable Instant runningSince,
    @Nullable Instant stoppedAt,
    @Nullable Instant dueAt,
    @Nullable Instant warnAt) {

  public SlaClock {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
    if (cycle < 1) {
      throw new IllegalArgumentException("cycle starts at 1");
    }
    if ((state == ClockState.ACTIVE) != (runningSince != null)
        || (state == ClockState.ACTIVE) == (stoppedAt != null)) {
      throw new IllegalArgumentException(
          "an active clock has a running start and no stop: " + state);
    }
    if (state == ClockState.ACTIVE && dueAt == null) {
      throw new IllegalArgumentException("an active clock has a due time");
    }
  }

  /** Working time counted up to {@code now}. */
  public Duration counted(Instant now, WorkingTime time) {
    return runningSince == null ? elapsed : elapsed.plus(time.between(runningSince, now));
  }

  /** Working time left before the due time at {@code now}; zero once due. */
  public Duration remaining(Instant now, WorkingTime time) {
    Duration left = goal.minus(counted(now, time));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * When this clock breaches: its due time while it counts, or the due time it reached before it
   * stopped counting; null when it stopped short of its goal.
   */
  public @Nullable Instant breachAt() {
    return reached(dueAt);
  }

  /** When its warning is due, on the terms of {@link #breachAt()}. */
  public @Nullable Instant warningAt() {
    return reached(warnAt);
  }

  private @Nullable Instant reached(@Nullable Instant point) {
    if (point == null) {
      return null;
    }
    return stoppedAt == null || !stoppedAt.isBefore(point) ? point : null;
  }

  /** Whether it has breached by {@code now}: its counted time reached the goal. */
  public boolean breached(Instant now) {
    return reachedBy(breachAt(), now);
  }

  /**
   * Whether its warning is due by {@code now}: its remaining time fell to the policy's warning lead
   * while it counted. The moment the SLA scheduler raises the warning.
   *
   * @since 0.2.0
   */
  public boolean warned(Instant now) {
    return reachedBy(warningAt(), now);
  }

  private static boolean reachedBy(@Nullable Instant point, Instant now) {
    return point != null && !point.isAfter(now);
  }
}
