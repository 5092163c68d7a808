package dev.ticketing.sla;

import dev.ticketing.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The clock rules: how each event moves a ticket's clocks. A ticket's clocks are a fold of its
 * events ({@link #replay}); the engine keeps them by applying each new event to the stored clocks
 * ({@link #apply}), and both ways give the same clocks.
 *
 * <ul>
 *   <li><b>Created</b>: the first policy that applies starts first-response and resolution clocks
 *       (cycle 1) with the goals of the ticket's priority.
 *   <li><b>Status</b>: entering a pausing status pauses the active clocks, leaving it resumes them;
 *       resolving or closing fulfils every open clock, cancelling stops them. Coming back from
 *       resolved, closed or cancelled follows the policy's {@link ReopenRule}.
 *   <li><b>Public reply</b>: a staff reply fulfils the open first-response and next-response
 *       clocks; a customer reply starts a next-response cycle when no response is owed yet.
 *       Internal notes do nothing.
 *   <li><b>Priority, category, company, tags, custom field values</b>: the policy is chosen again; open clocks keep the time
 *       they counted and take the new goal and calendar (a clock whose counted time already passes
 *       the new goal is due at the change, unless it was due earlier); a target the new policy does
 *       not set stops.
 * </ul>
 *
 * @since 0.1.0
 */
public final class SlaTimeline {

  private final SlaConfiguration config;

  public SlaTimeline(SlaConfiguration config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public SlaConfiguration configuration() {
    return config;
  }

  /** The clocks a ticket's events give, from nothing. */
  public SlaState replay(List<? extends SlaEvent> events) {
    SlaState state = SlaState.EMPTY;
    for (SlaEvent e : events) {
      state = apply(state, e);
    }
    return state;
  }

  /** The clocks after one more event. */
  public SlaState apply(SlaState state, SlaEvent event) {
    SlaState.Facts facts = state.facts();
    if (event instanceof SlaEvent.Created c) {
      return facts != null ? state : created(c);
    }
    if (facts == null) {
      return state; // events of a ticket created before clocks were kept
    }
    List<SlaClock> clocks = new ArrayList<>(state.clocks());
    Instant t = event.at();
    if (event instanceof SlaEvent.StatusChanged s) {
      Status from = facts.status();
      Status to = s.to();
      if (from == to) {
        return state;
      }
      if (done(to)) {
        ClockState end = to == Status.CANCELLED ? ClockState.STOPPED : ClockState.FULFILLED;
        clocks.replaceAll(k -> k.state().isOpen() ? end(k, t, end) : k);
      } else if (done(from)) {
        reopen(clocks, facts, t, config.counts(to));
      } else if (config.counts(from) && !config.counts(to)) {
        clocks.replaceAll(k -> k.state() == ClockState.ACTIVE ? pause(k, t) : k);
      } else if (!config.counts(from) && config.counts(to)) {
        clocks.replaceAll(k -> k.state() == ClockState.PAUSED ? resume(k, t, true) : k);
      }
      return new SlaState(facts.inStatus(to), clocks);
    }
    if (event instanceof SlaEvent.Replied r) {
      if (done(facts.status())) {
        return state;
      }
      if (r.byStaff()) {
        clocks.replaceAll(
            k -> k.state().isOpen() && isResponse(k) ? end(k, t, ClockState.FULFILLED) : k);
      } else if (clocks.stream().noneMatch(k -> k.state().isOpen() && isResponse(k))) {
        SlaPolicy policy = select(facts);
        startIfSet(
            clocks, policy, facts, SlaTarget.NEXT_RESPONSE, t, config.counts(facts.status()));
      }
      return new SlaState(facts, clocks);
    }
    SlaEvent.Reclassified r = (SlaEvent.Reclassified) event;
    SlaState.Facts changed =
        new SlaState.Facts(
            facts.status(),
            r.priority() != null ? r.priority() : facts.priority(),
            r.category() != null ? r.category() : facts.category(),
            r.companyId() != null ? r.companyId() : facts.companyId(),
            r.tags() != null ? r.tags() : facts.tags(),
            r.touchesFields() ? fieldsAfter(facts.fields(), r) : facts.fields());
    SlaPolicy policy = select(changed);
    clocks.replaceAll(k -> k.state().isOpen() ? retarget(k, policy, changed, t) : k);
    if (!done(changed.status()) && clocks.isEmpty()) {
      // A ticket no policy applied to until now: its clocks start at the change.
      startIfSet(
          clocks, policy, changed, SlaTarget.FIRST_RESPONSE, t, config.counts(changed.status()));
      startIfSet(clocks, policy, changed, SlaTarget.RESOLUTION, t, config.counts(changed.status()));
    }
    return new SlaState(changed, clocks);
  }

  // ------------------------------------------------------------------ events

  private SlaState created(SlaEvent.Created c) {
    SlaState.Facts facts =
        new SlaState.Facts(
            c.status(), c.priority(), c.category(), c.companyId(), c.tags(), c.fields());
    List<SlaClock> clocks = new ArrayList<>();
    if (!done(c.status())) {
      SlaPolicy policy = select(facts);
      boolean counting = config.counts(c.status());
      startIfSet(clocks, policy, facts, SlaTarget.FIRST_RESPONSE, c.at(), counting);
      startIfSet(clocks, policy, facts, SlaTarget.RESOLUTION, c.at(), counting);
    }
    return new SlaState(facts, clocks);
  }

  private void reopen(List<SlaClock> clocks, SlaState.Facts facts, Instant t, boolean counting) {
    SlaPolicy policy = select(facts);
    if (policy == null) {
      return;
    }
    if (policy.reopen() == ReopenRule.RESTART) {
      startIfSet(clocks, policy, facts, SlaTarget.FIRST_RESPONSE, t, counting);
      startIfSet(clocks, policy, facts, SlaTarget.RESOLUTION, t, counting);
      return;
    }
    // RESUME: the latest resolution clock goes on with what it counted; a response that was never
    // given (the ticket was cancelled first) is still owed.
    SlaClock resolution = latest(clocks, SlaTarget.RESOLUTION);
    if (resolution != null) {
      clocks.set(clocks.indexOf(resolution), resume(resolution, t, counting));
    }
    for (SlaTarget response : List.of(SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE)) {
      SlaClock owed = latest(clocks, response);
      if (owed != null && owed.state() == ClockState.STOPPED) {
        clocks.set(clocks.indexOf(owed), resume(owed, t, counting));
      }
    }
    if (clocks.stream().noneMatch(k -> k.state().isOpen() && isResponse(k))) {
      startIfSet(clocks, policy, facts, SlaTarget.NEXT_RESPONSE, t, counting);
    }
  }

  // ------------------------------------------------------------------ clock moves

  private void startIfSet(
      List<SlaClock> clocks,
      @Nullable SlaPolicy policy,
      SlaState.Facts facts,
      SlaTarget target,
      Instant t,
      boolean counting) {
    if (policy == null) {
      return;
    }
    Duration goal = policy.goal(facts.priority(), target);
    if (goal == null) {
      return;
    }
    SlaClock last = latest(clocks, target);
    int cycle = last == null ? 1 : last.cycle() + 1;
    SlaClock paused =
        new SlaClock(
            target,
            cycle,
            ClockState.PAUSED,
            policy.id(),
            policy.calendarId(),
            goal,
            Duration.ZERO,
            t,
            null,
            t,
            null,
            null);
    clocks.add(counting ? resume(paused, t, true) : paused);
  }

  /** Starts counting again at {@code t} (or stays paused when the status does not count). */
  private SlaClock resume(SlaClock k, Instant t, boolean counting) {
    if (!counting) {
      return new SlaClock(
          k.target(),
          k.cycle(),
          ClockState.PAUSED,
          k.policyId(),
          k.calendarId(),
          k.goal(),
          k.elapsed(),
          k.startedAt(),
          null,
          t,
          reachedBy(k.dueAt(), k.stoppedAt()),
          reachedBy(k.warnAt(), k.stoppedAt()));
    }
    return running(k, k.policyId(), k.calendarId(), k.goal(), k.elapsed(), t);
  }

  /** Counting from {@code t} with {@code elapsed} counted: its due and warning times from there. */
  private SlaClock running(
      SlaClock k,
      String policyId,
      @Nullable String calendarId,
      Duration goal,
      Duration elapsed,
      Instant t) {
    WorkingTime time = config.workingTime(calendarId);
    Instant due = point(time, goal, elapsed, t, k.breachAt());
    Instant warn = null;
    SlaPolicy policy = config.policy(policyId);
    Duration lead = policy == null ? null : policy.warnBefore();
    if (lead != null && goal.compareTo(lead) > 0) {
      warn = point(time, goal.minus(lead), elapsed, t, k.warningAt());
    }
    return new SlaClock(
        k.target(),
        k.cycle(),
        ClockState.ACTIVE,
        policyId,
        calendarId,
        goal,
        elapsed,
        k.startedAt(),
        t,
        null,
        due,
        warn);
  }

  /**
   * When {@code amount} of counted time is reached counting from {@code t} with {@code elapsed}
   * counted: ahead, or, if it is already passed, when it was reached before (or now).
   */
  private static Instant point(
      WorkingTime time, Duration amount, Duration elapsed, Instant t, @Nullable Instant reached) {
    if (elapsed.compareTo(amount) < 0) {
      return time.plus(t, amount.minus(elapsed));
    }
    return reached != null && !reached.isAfter(t) ? reached : t;
  }

  private SlaClock pause(SlaClock k, Instant t) {
    Duration elapsed = counted(k, t);
    return new SlaClock(
        k.target(),
        k.cycle(),
        ClockState.PAUSED,
        k.policyId(),
        k.calendarId(),
        k.goal(),
        elapsed,
        k.startedAt(),
        null,
        t,
        reachedBy(k.dueAt(), t),
        reachedBy(k.warnAt(), t));
  }

  private SlaClock end(SlaClock k, Instant t, ClockState end) {
    Duration elapsed = counted(k, t);
    return new SlaClock(
        k.target(),
        k.cycle(),
        end,
        k.policyId(),
        k.calendarId(),
        k.goal(),
        elapsed,
        k.startedAt(),
        null,
        t,
        k.dueAt(),
        k.warnAt());
  }

  private SlaClock retarget(
      SlaClock k, @Nullable SlaPolicy policy, SlaState.Facts facts, Instant t) {
    Duration goal = policy == null ? null : policy.goal(facts.priority(), k.target());
    if (policy == null || goal == null) {
      return end(k, t, ClockState.STOPPED);
    }
    if (policy.id().equals(k.policyId())
        && java.util.Objects.equals(policy.calendarId(), k.calendarId())
        && goal.equals(k.goal())) {
      return k;
    }
    Duration elapsed = counted(k, t);
    if (k.state() == ClockState.ACTIVE) {
      return running(k, policy.id(), policy.calendarId(), goal, elapsed, t);
    }
    Instant due = elapsed.compareTo(goal) >= 0 ? reachedOr(k.breachAt(), t) : null;
    Duration lead = policy.warnBefore();
    Instant warn =
        lead != null && goal.compareTo(lead) > 0 && elapsed.compareTo(goal.minus(lead)) >= 0
            ? reachedOr(k.warningAt(), t)
            : null;
    return new SlaClock(
        k.target(),
        k.cycle(),
        k.state(),
        policy.id(),
        policy.calendarId(),
        goal,
        elapsed,
        k.startedAt(),
        null,
        k.stoppedAt(),
        due,
        warn);
  }

  // ------------------------------------------------------------------ small rules

  private Duration counted(SlaClock k, Instant t) {
    return k.counted(t, config.workingTime(k.calendarId()));
  }

  /** {@code point} if it was reached by {@code t}, else null. */
  private static @Nullable Instant reachedBy(@Nullable Instant point, @Nullable Instant t) {
    return point != null && t != null && !point.isAfter(t) ? point : null;
  }

  private static Instant reachedOr(@Nullable Instant reached, Instant t) {
    return reached != null && !reached.isAfter(t) ? reached : t;
  }

  private @Nullable SlaPolicy select(SlaState.Facts f) {
    return config.select(f.priority(), f.category(), f.companyId(), f.tags(), f.fields());
  }

  private static Map<String, String> fieldsAfter(
      Map<String, String> before, SlaEvent.Reclassified r) {
    Map<String, String> after = new HashMap<>(before);
    after.keySet().removeAll(r.fieldsCleared());
    after.putAll(r.fieldsSet());
    return after;
  }

  private static @Nullable SlaClock latest(List<SlaClock> clocks, SlaTarget target) {
    SlaClock last = null;
    for (SlaClock k : clocks) {
      if (k.target() == target && (last == null || k.cycle() > last.cycle())) {
        last = k;
      }
    }
    return last;
  }

  private static boolean isResponse(SlaClock k) {
    return k.target() != SlaTarget.RESOLUTION;
  }

  /** Resolved, closed and cancelled tickets have no running clocks. */
  static boolean done(Status s) {
    return s == Status.RESOLVED || s == Status.CLOSED || s == Status.CANCELLED;
  }
}
