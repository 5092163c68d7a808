package dev.ticketing.sla;

import dev.ticketing.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The golden table's reference: the clock rules simulated one minute at a time, written apart from
 * {@link SlaTimeline} and {@link BusinessCalendar}. It knows no calendar arithmetic: a minute
 * counts when the wall clock at its first instant (Java's zone rules turning the instant into local
 * time) shows a time inside a shift of a day that is no holiday. Every time in its input is a whole
 * minute, and the zones' changes fall on whole minutes, so a minute counts entirely or not at all.
 * Due and warning times are the ends of the minutes in which a clock's count reaches its goal (or
 * its goal less the warning lead).
 */
final class MinuteReference {

  /** What the table records of a clock: its count at the last event, and its breach and warning. */
  record Outcome(
      SlaTarget target,
      int cycle,
      ClockState state,
      long countedMinutes,
      @Nullable Instant breach,
      @Nullable Instant warning) {}

  /** Clocks that have not reached their due time within this many days are a broken case. */
  private static final int HORIZON_DAYS = 120;

  private static final class Clock {
    SlaTarget target;
    int cycle;
    ClockState state;
    String policy;
    @Nullable String calendar;
    long goal;
    long counted;
    @Nullable Instant due;
    @Nullable Instant warn;
  }

  private final SlaConfiguration config;
  private final List<Clock> clocks = new ArrayList<>();
  private SlaState.@Nullable Facts facts;

  private MinuteReference(SlaConfiguration config) {
    this.config = config;
  }

  static List<Outcome> run(SlaConfiguration config, List<SlaEvent> events) {
    return new MinuteReference(config).simulate(events);
  }

  private List<Outcome> simulate(List<SlaEvent> events) {
    Instant first = events.get(0).at();
    Instant last = events.get(events.size() - 1).at();
    int next = 0;
    Instant m = first;
    for (; !m.isAfter(last); m = m.plus(1, ChronoUnit.MINUTES)) {
      while (next < events.size() && events.get(next).at().equals(m)) {
        apply(events.get(next++));
      }
      if (m.equals(last)) {
        break;
      }
      tick(m);
    }
    List<long[]> countedAtLast = new ArrayList<>();
    for (Clock c : clocks) {
      countedAtLast.add(new long[] {c.counted});
    }
    Instant horizon = last.plus(Duration.ofDays(HORIZON_DAYS));
    for (; clocks.stream().anyMatch(this::awaiting); m = m.plus(1, ChronoUnit.MINUTES)) {
      if (m.isAfter(horizon)) {
        throw new IllegalStateException("a clock is not due within " + HORIZON_DAYS + " days");
      }
      tick(m);
    }
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < clocks.size(); i++) {
      Clock c = clocks.get(i);
      out.add(new Outcome(c.target, c.cycle, c.state, countedAtLast.get(i)[0], c.due, c.warn));
    }
    out.sort(java.util.Comparator.comparing(Outcome::target).thenComparingInt(Outcome::cycle));
    return out;
  }

  /** An active clock whose due (or warning) time is still ahead. */
  private boolean awaiting(Clock c) {
    return c.state == ClockState.ACTIVE
        && (c.due == null || (warnPoint(c) != null && c.warn == null));
  }

  private void tick(Instant m) {
    for (Clock c : clocks) {
      if (c.state == ClockState.ACTIVE && working(c.calendar, m)) {
        c.counted++;
        Instant end = m.plus(1, ChronoUnit.MINUTES);
        if (c.due == null && c.counted >= c.goal) {
          c.due = end;
        }
        Long point = warnPoint(c);
        if (point != null && c.warn == null && c.counted >= point) {
          c.warn = end;
        }
      }
    }
  }

  private boolean working(@Nullable String calendar, Instant minute) {
    if (calendar == null) {
      return true;
    }
    BusinessCalendar cal = config.calendars().get(calendar);
    ZonedDateTime local = minute.atZone(cal.zone());
    LocalDate day = local.toLocalDate();
    if (cal.holidays().contains(day) || cal.yearlyHolidays().contains(MonthDay.from(day))) {
      return false;
    }
    int minuteOfDay = local.getHour() * 60 + local.getMinute();
    for (Shift s : cal.week().getOrDefault(day.getDayOfWeek(), List.of())) {
      if (s.startMinute() <= minuteOfDay && minuteOfDay < s.endMinute()) {
        return true;
      }
    }
    return false;
  }

  private @Nullable Long warnPoint(Clock c) {
    SlaPolicy p = config.policy(c.policy);
    if (p == null || p.warnBefore() == null) {
      return null;
    }
    long lead = p.warnBefore().toMinutes();
    return lead < c.goal ? c.goal - lead : null;
  }

  // ------------------------------------------------------------------ the rules, as docs/sla.md
  // states them

  private void apply(SlaEvent e) {
    Instant t = e.at();
    if (e instanceof SlaEvent.Created c) {
      if (facts != null) {
        return;
      }
      facts =
          new SlaState.Facts(
              c.status(), c.priority(), c.category(), c.companyId(), c.tags(), c.fields());
      if (!done(c.status())) {
        start(SlaTarget.FIRST_RESPONSE);
        start(SlaTarget.RESOLUTION);
      }
      return;
    }
    if (facts == null) {
      return;
    }
    if (e instanceof SlaEvent.StatusChanged s) {
      Status from = facts.status();
      Status to = s.to();
      if (from == to) {
        return;
      }
      facts = facts.inStatus(to);
      if (done(to)) {
        for (Clock c : clocks) {
          if (open(c)) {
            c.state = to == Status.CANCELLED ? ClockState.STOPPED : ClockState.FULFILLED;
          }
        }
      } else if (done(from)) {
        reopen();
      } else {
        for (Clock c : clocks) {
          if (c.state == ClockState.ACTIVE && !config.counts(to)) {
            c.state = ClockState.PAUSED;
          } else if (c.state == ClockState.PAUSED && !config.counts(from) && config.counts(to)) {
            c.state = ClockState.ACTIVE;
          }
        }
      }
      return;
    }
    if (e instanceof SlaEvent.Replied r) {
      if (done(facts.status())) {
        return;
      }
      boolean owed = false;
      for (Clock c : clocks) {
        if (open(c) && c.target != SlaTarget.RESOLUTION) {
          owed = true;
          if (r.byStaff()) {
            c.state = ClockState.FULFILLED;
          }
        }
      }
      if (!r.byStaff() && !owed) {
        start(SlaTarget.NEXT_RESPONSE);
      }
      return;
    }
    SlaEvent.Reclassified r = (SlaEvent.Reclassified) e;
    facts =
        new SlaState.Facts(
            facts.status(),
            r.priority() != null ? r.priority() : facts.priority(),
            r.category() != null ? r.category() : facts.category(),
            r.companyId() != null ? r.companyId() : facts.companyId(),
            r.tags() != null ? r.tags() : facts.tags(),
            fieldsAfter(facts.fields(), r));
    SlaPolicy p = policy();
    for (Clock c : clocks) {
      if (!open(c)) {
        continue;
      }
      Duration goal = p == null ? null : p.goal(facts.priority(), c.target);
      if (goal == null) {
        c.state = ClockState.STOPPED;
        continue;
      }
      c.policy = p.id();
      c.calendar = p.calendarId();
      c.goal = goal.toMinutes();
      c.due = c.counted < c.goal ? null : (c.due != null ? c.due : t);
      Long point = warnPoint(c);
      c.warn = point == null || c.counted < point ? null : (c.warn != null ? c.warn : t);
    }
    if (!done(facts.status()) && clocks.isEmpty()) {
      start(SlaTarget.FIRST_RESPONSE);
      start(SlaTarget.RESOLUTION);
    }
  }

  private void reopen() {
    SlaPolicy p = policy();
    if (p == null) {
      return;
    }
    if (p.reopen() == ReopenRule.RESTART) {
      start(SlaTarget.FIRST_RESPONSE);
      start(SlaTarget.RESOLUTION);
      return;
    }
    ClockState running = config.counts(facts.status()) ? ClockState.ACTIVE : ClockState.PAUSED;
    Clock resolution = latest(SlaTarget.RESOLUTION);
    if (resolution != null) {
      resolution.state = running;
    }
    for (SlaTarget response : List.of(SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE)) {
      Clock c = latest(response);
      if (c != null && c.state == ClockState.STOPPED) {
        c.state = running;
      }
    }
    if (clocks.stream().noneMatch(c -> open(c) && c.target != SlaTarget.RESOLUTION)) {
      start(SlaTarget.NEXT_RESPONSE);
    }
  }

  private void start(SlaTarget target) {
    SlaPolicy p = policy();
    Duration goal = p == null ? null : p.goal(facts.priority(), target);
    if (goal == null) {
      return;
    }
    Clock last = latest(target);
    Clock c = new Clock();
    c.target = target;
    c.cycle = last == null ? 1 : last.cycle + 1;
    c.state = config.counts(facts.status()) ? ClockState.ACTIVE : ClockState.PAUSED;
    c.policy = p.id();
    c.calendar = p.calendarId();
    c.goal = goal.toMinutes();
    clocks.add(c);
  }

  private @Nullable SlaPolicy policy() {
    return config.select(
        facts.priority(), facts.category(), facts.companyId(), facts.tags(), facts.fields());
  }

  /** The values after a change: the cleared ones gone, the given ones set. */
  private static java.util.Map<String, String> fieldsAfter(
      java.util.Map<String, String> before, SlaEvent.Reclassified r) {
    java.util.Map<String, String> after = new java.util.HashMap<>(before);
    r.fieldsCleared().forEach(after::remove);
    after.putAll(r.fieldsSet());
    return after;
  }

  private @Nullable Clock latest(SlaTarget target) {
    Clock last = null;
    for (Clock c : clocks) {
      if (c.target == target && (last == null || c.cycle > last.cycle)) {
        last = c;
      }
    }
    return last;
  }

  private static boolean open(Clock c) {
    return c.state == ClockState.ACTIVE || c.state == ClockState.PAUSED;
  }

  private static boolean done(Status s) {
    return s == Status.RESOLVED || s == Status.CLOSED || s == Status.CANCELLED;
  }
}
