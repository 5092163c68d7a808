package dev.ticketing.spring.autoconfigure;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.ValidationException;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.sla.BusinessCalendar;
import dev.ticketing.sla.ReopenRule;
import dev.ticketing.sla.Shift;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaFieldCondition;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTargets;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ticketing.sla.*} configuration properties: service levels written in the application's
 * configuration — business calendars, ordered policies, the pausing statuses — and the scheduler
 * raising warnings and breaches. A host's own {@link SlaConfiguration} bean replaces the calendars,
 * policies and pausing statuses given here.
 *
 * @param policies in order: a ticket gets the first that applies; none (the default) keeps no clocks
 * @param calendars business calendars by id
 * @param pausing statuses in which clocks pause (active statuses only); default
 *     WAITING_FOR_CUSTOMER
 * @param scheduler the scheduler raising warnings and breaches
 * @since 0.2.0
 */
@ConfigurationProperties("ticketing.sla")
public record TicketingSlaProperties(
    @DefaultValue List<Policy> policies,
    @DefaultValue Map<String, Calendar> calendars,
    @DefaultValue("WAITING_FOR_CUSTOMER") Set<Status> pausing,
    @DefaultValue Scheduler scheduler) {

  /**
   * One policy.
   *
   * @param id stable name (1 to 64 characters); clocks remember it
   * @param priorities the priorities it applies to; empty: any
   * @param categories the categories it applies to; empty: any
   * @param companies the companies it applies to; empty: any
   * @param tags it applies to tickets carrying at least one of these; empty: any
   * @param fields conditions on custom field values by field key, all of which a ticket it applies
   *     to meets; empty: any
   * @param calendar the id of the calendar its goals count in; none: calendar hours
   * @param warnBefore how much working time before a due time a warning is raised; none: no warning
   * @param reopen what reopening a ticket does to its clocks
   * @param targets goals per priority; a priority without an entry gets no clocks
   * @since 0.2.0
   */
  public record Policy(
      @Nullable String id,
      @DefaultValue List<Priority> priorities,
      @DefaultValue List<String> categories,
      @DefaultValue List<String> companies,
      @DefaultValue List<String> tags,
      @DefaultValue Map<String, FieldMatch> fields,
      @Nullable String calendar,
      @Nullable Duration warnBefore,
      @DefaultValue("RESUME") ReopenRule reopen,
      @DefaultValue Map<Priority, Targets> targets) {}

  /**
   * A condition on one custom field value: either values or bounds.
   *
   * @param anyOf the value is one of these (a multiple choice value holds one of them)
   * @param atLeast the value is a number of at least this
   * @param atMost the value is a number of at most this
   * @since 0.2.0
   */
  public record FieldMatch(
      @DefaultValue List<String> anyOf, @Nullable BigDecimal atLeast, @Nullable BigDecimal atMost) {

    SlaFieldCondition condition(String key) {
      return new SlaFieldCondition(key, Set.copyOf(anyOf), atLeast, atMost);
    }
  }

  /**
   * The goals of one priority; a missing goal sets no target of that kind.
   *
   * @param firstResponse working time to the first public staff reply
   * @param nextResponse working time to the next staff reply after a customer's
   * @param resolution working time to resolving the ticket
   * @since 0.2.0
   */
  public record Targets(
      @Nullable Duration firstResponse,
      @Nullable Duration nextResponse,
      @Nullable Duration resolution) {}

  /**
   * One business calendar.
   *
   * @param zone the time zone its hours and holidays are in
   * @param hours shifts per weekday, such as 08:00-12:00,13:00-17:00; a day not listed is off
   * @param holidays single days off, such as 2026-04-03
   * @param yearlyHolidays days off every year, month and day, such as 12-25
   * @since 0.2.0
   */
  public record Calendar(
      @DefaultValue("UTC") ZoneId zone,
      @DefaultValue Map<DayOfWeek, List<String>> hours,
      @DefaultValue List<LocalDate> holidays,
      @DefaultValue List<String> yearlyHolidays) {}

  /**
   * @param enabled whether this instance raises SLA warnings and breaches (it also needs
   *     ticketing.outbox.enabled, the dispatcher's switch); any number of instances may
   * @param interval between rounds
   * @param batchSize clocks claimed per unit of work, 1 to 1000
   * @since 0.2.0
   */
  public record Scheduler(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30s") Duration interval,
      @DefaultValue("100") int batchSize) {

    SlaScheduler.Settings settings() {
      try {
        return new SlaScheduler.Settings(interval, batchSize);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("ticketing.sla.scheduler: " + e.getMessage(), e);
      }
    }
  }

  /** Whether any policy is configured here. */
  boolean configured() {
    return !policies.isEmpty();
  }

  /**
   * The configuration these properties describe.
   *
   * @throws IllegalStateException naming the property at fault
   */
  SlaConfiguration toConfiguration() {
    List<BusinessCalendar> built = new ArrayList<>();
    calendars.forEach((id, c) -> built.add(calendar(id, c)));
    List<SlaPolicy> ordered = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < policies.size(); i++) {
      ordered.add(policy("ticketing.sla.policies[" + i + "]", policies.get(i), ids));
    }
    try {
      return SlaConfiguration.of(ordered, built.toArray(BusinessCalendar[]::new))
          .pausingIn(pausing);
    } catch (ValidationException e) {
      throw new IllegalStateException("ticketing.sla: " + e.getMessage(), e);
    }
  }

  private static SlaPolicy policy(String at, Policy p, Set<String> ids) {
    if (p.id() == null || p.id().isBlank()) {
      throw new IllegalStateException(at + ".id is required");
    }
    if (!ids.add(p.id())) {
      throw new IllegalStateException(at + ".id: two policies are named '" + p.id() + "'");
    }
    Map<Priority, SlaTargets> goals = new EnumMap<>(Priority.class);
    try {
      p.targets()
          .forEach(
              (priority, t) ->
                  goals.put(
                      priority,
                      new SlaTargets(t.firstResponse(), t.nextResponse(), t.resolution())));
      Set<Category> categories = new HashSet<>();
      p.categories().forEach(c -> categories.add(new Category(c)));
      List<SlaFieldCondition> fields = new ArrayList<>();
      p.fields().forEach((key, match) -> fields.add(match.condition(key)));
      return new SlaPolicy(
          p.id(),
          Set.copyOf(p.priorities()),
          categories,
          Set.copyOf(p.companies()),
          Set.copyOf(p.tags()),
          fields,
          goals,
          p.calendar(),
          p.warnBefore(),
          p.reopen());
    } catch (ValidationException | IllegalArgumentException e) {
      throw new IllegalStateException(at + ": " + e.getMessage(), e);
    }
  }

  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

  private static BusinessCalendar calendar(String id, Calendar c) {
    String at = "ticketing.sla.calendars." + id;
    try {
      Map<DayOfWeek, List<Shift>> week = new EnumMap<>(DayOfWeek.class);
      c.hours()
          .forEach(
              (day, shifts) ->
                  week.put(day, shifts.stream().map(String::strip).map(Shift::parse).toList()));
      List<MonthDay> yearly = new ArrayList<>();
      for (String d : c.yearlyHolidays()) {
        yearly.add(MonthDay.parse(d.strip(), MONTH_DAY));
      }
      return new BusinessCalendar(
          id, c.zone(), new LinkedHashMap<>(week), Set.copyOf(c.holidays()), Set.copyOf(yearly));
    } catch (ValidationException | IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalStateException(at + ": " + e.getMessage(), e);
    }
  }
}
