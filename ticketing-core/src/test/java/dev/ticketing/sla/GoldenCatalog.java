package dev.ticketing.sla;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named calendars and policies the golden table's rows refer to. docs/sla.md lists the same
 * ones, so that a row can be checked by hand.
 */
final class GoldenCatalog {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Calendar name to calendar; "24x7" is calendar hours (no calendar). */
  static final Map<String, BusinessCalendar> CALENDARS =
      Map.of(
          // Mon-Fri 09-17; Good Friday 2026 and Easter Monday 2026 off; Christmas and New Year
          // every year.
          "berlin-office",
          BusinessCalendar.of("berlin-office", BERLIN, BusinessCalendar.WEEKDAYS, "09:00-17:00")
              .withHolidays(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6))
              .withYearlyHolidays(MonthDay.of(12, 25), MonthDay.of(12, 26), MonthDay.of(1, 1)),
          // Split shifts: Mon-Fri 08-12 and 13-17, Saturday 10-14.
          "berlin-split",
          BusinessCalendar.of(
                  "berlin-split", BERLIN, BusinessCalendar.WEEKDAYS, "08:00-12:00", "13:00-17:00")
              .withDay(SATURDAY, "10:00-14:00"),
          // A night desk every day 22-24 and 00-04: the hours the clocks change in.
          "berlin-night",
          BusinessCalendar.of(
              "berlin-night", BERLIN, EnumSet.allOf(DayOfWeek.class), "00:00-04:00", "22:00-24:00"),
          // Mon-Fri 09-17; 4 July and 25 December every year; Thanksgiving 2026 (26 November).
          "ny-office",
          BusinessCalendar.of("ny-office", NEW_YORK, BusinessCalendar.WEEKDAYS, "09:00-17:00")
              .withYearlyHolidays(MonthDay.of(7, 4), MonthDay.of(12, 25))
              .withHolidays(LocalDate.of(2026, 11, 26)),
          // Weekdays 08-12 and 13-18, Sunday 00:30-03:30 (across the 02:00 change).
          "ny-weekend",
          BusinessCalendar.of(
                  "ny-weekend", NEW_YORK, BusinessCalendar.WEEKDAYS, "08:00-12:00", "13:00-18:00")
              .withDay(SUNDAY, "00:30-03:30"));

  /** The zone a calendar's times are written in (UTC for calendar hours). */
  static ZoneId zone(String calendar) {
    BusinessCalendar c = CALENDARS.get(calendar);
    return c == null ? ZoneId.of("UTC") : c.zone();
  }

  /** Goals in minutes per priority: first response, next response, resolution. */
  static final Map<Priority, SlaTargets> GOALS =
      Map.of(
          Priority.LOW, SlaTargets.minutes(480, 480, 2400),
          Priority.MEDIUM, SlaTargets.minutes(240, 240, 960),
          Priority.HIGH, SlaTargets.minutes(60, 120, 480),
          Priority.URGENT, SlaTargets.minutes(15, 30, 120));

  /** BILLING tickets: this policy, first, in calendar hours, first response and resolution only. */
  static final Map<Priority, SlaTargets> BILLING_GOALS =
      SlaPolicy.allPriorities(SlaTargets.minutes(120, null, 1440));

  /**
   * The configuration of a golden case: "billing" (BILLING tickets, calendar hours, no warnings,
   * resume on reopen) first, then "main" in the case's calendar with the case's warning lead and
   * reopen rule.
   *
   * <p>A policy name ending in {@code +plan} puts "enterprise" before both: tickets whose
   * {@code plan} field is {@code enterprise} or {@code premium}, or whose {@code seats} field is a
   * number of at least 100, get {@link #ENTERPRISE_GOALS} in calendar hours, warned 10 minutes
   * before, resuming on reopen.
   *
   * @param policy {@code resume-warn30} or {@code restart}, either optionally ending in {@code
   *     +plan}
   */
  static SlaConfiguration configuration(String calendar, String policy) {
    if (policy.endsWith("+plan")) {
      SlaConfiguration rest =
          configuration(calendar, policy.substring(0, policy.length() - "+plan".length()));
      List<SlaPolicy> all = new java.util.ArrayList<>();
      all.add(ENTERPRISE);
      all.add(ENTERPRISE_SEATS);
      all.addAll(rest.policies());
      BusinessCalendar c = CALENDARS.get(calendar);
      return c == null ? SlaConfiguration.of(all) : SlaConfiguration.of(all, c);
    }
    BusinessCalendar c = CALENDARS.get(calendar);
    SlaPolicy main = SlaPolicy.everyTicket("main", GOALS).inCalendar(c == null ? null : c.id());
    main =
        switch (policy) {
          case "resume-warn30" -> main.warningBefore(Duration.ofMinutes(30));
          case "restart" -> main.onReopen(ReopenRule.RESTART);
          default -> throw new IllegalArgumentException(policy);
        };
    SlaPolicy billing =
        SlaPolicy.everyTicket("billing", BILLING_GOALS).forCategories(Set.of(Category.BILLING));
    return c == null
        ? SlaConfiguration.of(List.of(billing, main))
        : SlaConfiguration.of(List.of(billing, main), c);
  }

  /** Tickets of the enterprise plan: 30/60/240 minutes for every priority. */
  static final Map<Priority, SlaTargets> ENTERPRISE_GOALS =
      SlaPolicy.allPriorities(SlaTargets.minutes(30, 60, 240));

  static final SlaPolicy ENTERPRISE =
      SlaPolicy.everyTicket("enterprise", ENTERPRISE_GOALS)
          .warningBefore(Duration.ofMinutes(10))
          .forFields(List.of(SlaFieldCondition.oneOf("plan", Set.of("enterprise", "premium"))));

  static final SlaPolicy ENTERPRISE_SEATS =
      SlaPolicy.everyTicket("enterprise-seats", ENTERPRISE_GOALS)
          .warningBefore(Duration.ofMinutes(10))
          .forFields(
              List.of(SlaFieldCondition.between("seats", java.math.BigDecimal.valueOf(100), null)));

  private GoldenCatalog() {}
}
