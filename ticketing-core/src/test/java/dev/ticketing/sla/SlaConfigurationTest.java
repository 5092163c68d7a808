package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import dev.ticketing.support.Refusals;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Configuration mistakes are refused with a coded error naming what is wrong. */
class SlaConfigurationTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void shiftsMustRunForwardWithinADayAndNotOverlap() {
    Refusals.invalid(() -> Shift.parse("17:00-09:00"), "shift");
    Refusals.invalid(() -> Shift.parse("9 to 5"), "shift");
    Refusals.invalid(
        () ->
            BusinessCalendar.of(
                "c", BERLIN, Set.of(DayOfWeek.MONDAY), "09:00-13:00", "12:00-17:00"),
        "calendar.week");
    Refusals.invalid(
        () -> new BusinessCalendar("c", BERLIN, Map.of(), Set.of(), Set.of()), "calendar.week");
    assertThat(Shift.parse("22:00-24:00")).isEqualTo(new Shift(22 * 60, 24 * 60));
  }

  @Test
  void policiesNameKnownCalendarsAndOnlyActiveStatusesPause() {
    SlaPolicy policy =
        SlaPolicy.everyTicket("p", SlaPolicy.allPriorities(SlaTargets.minutes(60, null, 480)))
            .inCalendar("nowhere");
    Refusals.invalid(() -> SlaConfiguration.of(List.of(policy)), "policies");
    Refusals.invalid(
        () -> SlaConfiguration.of(List.of(policy.inCalendar(null), policy.inCalendar(null))),
        "policies");
    Refusals.invalid(() -> SlaConfiguration.none().pausingIn(Set.of(Status.RESOLVED)), "pausing");
    Refusals.invalid(() -> SlaTargets.minutes(0, null, null), "targets.firstResponse");
    Refusals.invalid(() -> policy.warningBefore(Duration.ZERO), "policy.warnBefore");
  }

  @Test
  void aCalendarWithoutWorkingDaysFailsInsteadOfLookingForEver() {
    BusinessCalendar mondaysOff =
        BusinessCalendar.of("c", BERLIN, Set.of(DayOfWeek.MONDAY), "09:00-10:00")
            .withYearlyHolidays(
                java.util.stream.IntStream.rangeClosed(1, 366)
                    .mapToObj(d -> java.time.MonthDay.from(java.time.LocalDate.ofYearDay(2028, d)))
                    .toArray(java.time.MonthDay[]::new));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                mondaysOff.plus(
                    java.time.Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no working time");
  }
}
