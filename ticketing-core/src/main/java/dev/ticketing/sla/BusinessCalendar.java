package dev.ticketing.sla;

import dev.ticketing.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Working hours in one time zone: shifts per weekday (several a day for split shifts), holidays on
 * dated days and on the same day every year. A calendar per region or per company; policies name
 * the one their targets count in.
 *
 * <p><b>What counts.</b> An instant is working time when the wall clock of {@link #zone()} shows a
 * time inside one of the day's shifts and the day is no holiday. This one rule decides daylight
 * saving changes: on the night the clocks spring forward, the skipped wall times never occur, so a
 * shift from 00:00 to 06:00 holds five real hours; on the night they fall back, the repeated wall
 * times occur twice and both count, so the same shift holds seven.
 *
 * @param id how policies name the calendar
 * @param zone the time zone the shifts and holidays are in
 * @param week shifts per weekday; a day without shifts is a day off
 * @param holidays single days off
 * @param yearlyHolidays days off every year (a 29 February only in leap years)
 * @since 0.1.0
 */
public record BusinessCalendar(
    String id,
    ZoneId zone,
    Map<DayOfWeek, List<Shift>> week,
    Set<LocalDate> holidays,
    Set<MonthDay> yearlyHolidays)
    implements WorkingTime {

  /**
   * How far ahead a calendar looks for working time before it gives up: a calendar whose every day
   * is a holiday has none.
   */
  public static final int SEARCH_DAYS = 3660;

  public BusinessCalendar {
    if (id == null || id.isBlank()) {
      throw ValidationException.of("calendar.id", "must not be blank");
    }
    Objects.requireNonNull(zone, "zone");
    Map<DayOfWeek, List<Shift>> copy = new EnumMap<>(DayOfWeek.class);
    boolean any = false;
    for (Map.Entry<DayOfWeek, List<Shift>> day : week.entrySet()) {
      List<Shift> shifts = new ArrayList<>(day.getValue());
      shifts.sort(Comparator.comparingInt(Shift::startMinute));
      for (int i = 1; i < shifts.size(); i++) {
        if (shifts.get(i).startMinute() < shifts.get(i - 1).endMinute()) {
          throw ValidationException.of(
              "calendar.week", "shifts of " + day.getKey() + " overlap: " + shifts);
        }
      }
      any |= !shifts.isEmpty();
      copy.put(day.getKey(), List.copyOf(shifts));
    }
    if (!any) {
      throw ValidationException.of("calendar.week", "has no working hours at all");
    }
    week = java.util.Collections.unmodifiableMap(copy);
    holidays = Set.copyOf(holidays);
    yearlyHolidays = Set.copyOf(yearlyHolidays);
  }

  /** A calendar with the same shifts on the given days and no holidays yet. */
  public static BusinessCalendar of(String id, ZoneId zone, Set<DayOfWeek> days, String... shifts) {
    List<Shift> parsed = java.util.Arrays.stream(shifts).map(Shift::parse).toList();
    Map<DayOfWeek, List<Shift>> week = new EnumMap<>(DayOfWeek.class);
    days.forEach(d -> week.put(d, parsed));
    return new BusinessCalendar(id, zone, week, Set.of(), Set.of());
  }

  /** Monday to Friday. */
  public static final Set<DayOfWeek> WEEKDAYS =
      java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /** This calendar with the shifts of one weekday replaced. */
  public BusinessCalendar withDay(DayOfWeek day, String... shifts) {
    Map<DayOfWeek, List<Shift>> changed = new EnumMap<>(DayOfWeek.class);
    changed.putAll(week);
    changed.put(day, java.util.Arrays.stream(shifts).map(Shift::parse).toList());
    return new BusinessCalendar(id, zone, changed, holidays, yearlyHolidays);
  }

  /** This calendar with more dated holidays. */
  public BusinessCalendar withHolidays(LocalDate... days) {
    Set<LocalDate> more = new TreeSet<>(holidays);
    more.addAll(List.of(days));
    return new BusinessCalendar(id, zone, week, more, yearlyHolidays);
  }

  /** This calendar with more yearly holidays. */
  public BusinessCalendar withYearlyHolidays(MonthDay... days) {
    Set<MonthDay> more = new TreeSet<>(yearlyHolidays);
    more.addAll(List.of(days));
    return new BusinessCalendar(id, zone, week, holidays, more);
  }

  /** Whether the whole day is off. */
  public boolean isHoliday(LocalDate day) {
    return holidays.contains(day) || yearlyHolidays.contains(MonthDay.from(day));
  }

  /** The shifts of a day: none on a holiday. */
  public List<Shift> shifts(LocalDate day) {
    return isHoliday(day) ? List.of() : week.getOrDefault(day.getDayOfWeek(), List.of());
  }

  @Override
  public Duration between(Instant from, Instant to) {
    Duration sum = Duration.ZERO;
    if (!from.isBefore(to)) {
      return sum;
    }
    WorkingPeriods periods = new WorkingPeriods(from, to);
    while (true) {
      Instant[] p = periods.next();
      if (p == null || !p[0].isBefore(to)) {
        return sum;
      }
      Instant end = p[1].isBefore(to) ? p[1] : to;
      sum = sum.plus(Duration.between(p[0], end));
      if (!p[1].isBefore(to)) {
        return sum;
      }
    }
  }

  @Override
  public Instant plus(Instant start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("negative amount " + amount);
    }
    if (amount.isZero()) {
      return start;
    }
    Duration left = amount;
    WorkingPeriods periods = new WorkingPeriods(start, Instant.MAX);
    while (true) {
      Instant[] p = java.util.Objects.requireNonNull(periods.next());
      Duration length = Duration.between(p[0], p[1]);
      if (left.compareTo(length) <= 0) {
        return p[0].plus(left);
      }
      left = left.minus(length);
    }
  }

  /**
   * The working periods from an instant on, in time order, each clipped to start no earlier. The
   * periods of one day are the instants whose wall time falls in its shifts; those of neighbouring
   * days can interleave when the clocks fall back, so days are read ahead into a queue and a period
   * is handed out only once no day not yet read can start before it.
   */
  private final class WorkingPeriods {
    private final Instant from;
    private final Instant limit;
    private final ZoneRules rules = zone.getRules();
    private final PriorityQueue<Instant[]> queue =
        new PriorityQueue<>(Comparator.comparing(p -> p[0]));
    private LocalDate nextDay;
    private int daysRead;

    /** Periods starting at or after {@code limit} are not wanted: {@link #next} ends there. */
    WorkingPeriods(Instant from, Instant limit) {
      this.from = from;
      this.limit = limit;
      this.nextDay = LocalDateTime.ofInstant(from, zone).toLocalDate().minusDays(1);
    }

    Instant @Nullable [] next() {
      while (true) {
        // The earliest instant any wall time of nextDay can map to: its midnight at UTC+18.
        Instant horizon = nextDay.atStartOfDay().toInstant(ZoneOffset.MAX);
        Instant[] head = queue.peek();
        if (head != null && head[0].isBefore(horizon)) {
          queue.poll();
          if (!head[1].isAfter(from)) {
            continue;
          }
          return head[0].isBefore(from) ? new Instant[] {from, head[1]} : head;
        }
        if (!horizon.isBefore(limit)) {
          return null;
        }
        if (++daysRead > SEARCH_DAYS) {
          throw new IllegalStateException(
              "calendar " + id + " has no working time within " + SEARCH_DAYS + " days");
        }
        read(nextDay);
        nextDay = nextDay.plusDays(1);
      }
    }

    private void read(LocalDate day) {
      for (Shift s : shifts(day)) {
        LocalDateTime a = day.atStartOfDay().plusMinutes(s.startMinute());
        LocalDateTime b = day.atStartOfDay().plusMinutes(s.endMinute());
        // Walk the stretches of constant offset that can hold these wall times; in each, the
        // instants showing a wall time in [a, b) form one interval.
        Instant hi = b.toInstant(ZoneOffset.MIN);
        Instant p = a.toInstant(ZoneOffset.MAX);
        while (p.isBefore(hi)) {
          ZoneOffset offset = rules.getOffset(p);
          ZoneOffsetTransition t = rules.nextTransition(p);
          Instant pieceEnd = t == null || t.getInstant().isAfter(hi) ? hi : t.getInstant();
          Instant start = max(p, a.toInstant(offset));
          Instant end = min(pieceEnd, b.toInstant(offset));
          if (start.isBefore(end)) {
            queue.add(new Instant[] {start, end});
          }
          p = pieceEnd;
        }
      }
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public String toString() {
    return "BusinessCalendar[" + id + " " + zone + "]";
  }
}
