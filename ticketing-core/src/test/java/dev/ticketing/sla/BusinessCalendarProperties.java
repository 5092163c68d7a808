package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Calendar arithmetic against counting minutes: for random calendars in zones with daylight saving
 * (including Lord Howe Island, whose clocks move by half an hour, and Chatham's quarter-hour
 * offset), {@link BusinessCalendar#between} equals the number of working minutes stepped through,
 * and {@link BusinessCalendar#plus} lands at the end of the minute in which that count reaches the
 * amount.
 */
class BusinessCalendarProperties {

  private static final List<String> ZONES =
      List.of(
          "Europe/Berlin",
          "America/New_York",
          "Australia/Lord_Howe",
          "Pacific/Chatham",
          "America/Sao_Paulo",
          "UTC");

  /** Days around which the zones above change their clocks (2026), plus ordinary days. */
  private static final List<String> START_DAYS =
      List.of(
          "2026-03-28",
          "2026-03-07",
          "2026-10-24",
          "2026-10-31",
          "2026-04-04",
          "2026-09-26",
          "2026-04-05",
          "2026-10-03",
          "2026-06-10",
          "2026-12-30");

  @Property(tries = 150)
  void plusAndBetweenAgreeWithCountingMinutes(
      @ForAll("calendars") BusinessCalendar calendar,
      @ForAll("starts") Instant[] start,
      @ForAll("amounts") int minutes) {
    Instant from = start[0];
    Instant due = calendar.plus(from, Duration.ofMinutes(minutes));
    assertThat(due).isEqualTo(stepTo(calendar, from, minutes));
    assertThat(calendar.between(from, due)).isEqualTo(Duration.ofMinutes(minutes));
    Instant later = from.plus(Duration.ofMinutes(minutes * 3L + 17));
    assertThat(calendar.between(from, later).toMinutes()).isEqualTo(count(calendar, from, later));
  }

  private static Instant stepTo(BusinessCalendar c, Instant from, int minutes) {
    if (minutes == 0) {
      return from;
    }
    int counted = 0;
    for (Instant m = from; ; m = m.plus(1, ChronoUnit.MINUTES)) {
      if (working(c, m) && ++counted == minutes) {
        return m.plus(1, ChronoUnit.MINUTES);
      }
    }
  }

  private static long count(BusinessCalendar c, Instant from, Instant to) {
    long n = 0;
    for (Instant m = from; m.isBefore(to); m = m.plus(1, ChronoUnit.MINUTES)) {
      n += working(c, m) ? 1 : 0;
    }
    return n;
  }

  private static boolean working(BusinessCalendar c, Instant minute) {
    ZonedDateTime local = minute.atZone(c.zone());
    LocalDate day = local.toLocalDate();
    if (c.holidays().contains(day) || c.yearlyHolidays().contains(MonthDay.from(day))) {
      return false;
    }
    int m = local.getHour() * 60 + local.getMinute();
    return c.week().getOrDefault(day.getDayOfWeek(), List.of()).stream()
        .anyMatch(s -> s.startMinute() <= m && m < s.endMinute());
  }

  @Provide
  Arbitrary<BusinessCalendar> calendars() {
    Arbitrary<List<Shift>> day =
        Arbitraries.integers()
            .between(0, 24 * 4)
            .list()
            .ofMaxSize(6)
            .map(
                quarters -> {
                  // Sorted distinct quarter-hour marks, paired into shifts.
                  List<Integer> marks = quarters.stream().distinct().sorted().toList();
                  List<Shift> shifts = new ArrayList<>();
                  for (int i = 0; i + 1 < marks.size(); i += 2) {
                    shifts.add(new Shift(marks.get(i) * 15, marks.get(i + 1) * 15));
                  }
                  return shifts;
                });
    return Combinators.combine(
            Arbitraries.of(ZONES),
            day.list().ofSize(7),
            Arbitraries.integers().between(0, 20).list().ofMaxSize(3))
        .as(
            (zone, days, holidayOffsets) -> {
              Map<DayOfWeek, List<Shift>> week = new EnumMap<>(DayOfWeek.class);
              for (int i = 0; i < 7; i++) {
                week.put(DayOfWeek.of(i + 1), days.get(i));
              }
              if (week.values().stream().allMatch(List::isEmpty)) {
                week.put(DayOfWeek.SUNDAY, List.of(new Shift(60, 240)));
              }
              List<LocalDate> holidays = new ArrayList<>();
              for (int offset : holidayOffsets) {
                holidays.add(LocalDate.of(2026, 3, 25).plusDays(offset));
              }
              return new BusinessCalendar(
                  "random",
                  ZoneId.of(zone),
                  week,
                  Set.copyOf(holidays),
                  Set.of(MonthDay.of(10, 26)));
            });
  }

  @Provide
  Arbitrary<Instant[]> starts() {
    return Combinators.combine(
            Arbitraries.of(START_DAYS), Arbitraries.integers().between(0, 3 * 24 * 60 - 1))
        .as(
            (day, minute) ->
                new Instant[] {
                  LocalDate.parse(day)
                      .atStartOfDay()
                      .toInstant(java.time.ZoneOffset.UTC)
                      .plus(Duration.ofMinutes(minute))
                });
  }

  @Provide
  Arbitrary<Integer> amounts() {
    return Arbitraries.integers().between(0, 2000);
  }
}
