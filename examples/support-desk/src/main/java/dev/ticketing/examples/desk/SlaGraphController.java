package dev.ticketing.examples.desk;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.SlaPage;
import dev.ticketing.SlaService;
import dev.ticketing.SlaStatistics;
import dev.ticketing.SlaTargetView;
import dev.ticketing.policy.Actor;
import dev.ticketing.sla.BusinessCalendar;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.sla.SlaTargets;
import dev.ticketing.spring.security.ActorResolver;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The SLA extensions of the schema ({@code graphql/sla.graphqls}) on the library's {@link
 * SlaService}: policies, calendars, lists and statistics as queries, and each ticket's targets as
 * the {@code sla} field of {@code Ticket}. Who may read what is the library's decision; the
 * targets of a list's tickets are read together, in one service call per request, through a data
 * loader.
 */
@Controller
class SlaGraphController {

  /** The data loader of the tickets' targets. */
  static final String TARGETS = "slaTargets";

  private final SlaService sla;
  private final ActorResolver actors;

  SlaGraphController(SlaService sla, ActorResolver actors, BatchLoaderRegistry loaders) {
    this.sla = sla;
    this.actors = actors;
    loaders
        .<String, List<SlaTargetView>>forName(TARGETS)
        .registerMappedBatchLoader(
            (ids, environment) ->
                Mono.fromCallable(
                    () -> {
                      Actor actor = (Actor) environment.getKeyContextsList().get(0);
                      Map<String, List<SlaTargetView>> found = sla.targets(actor, ids);
                      return found;
                    }));
  }

  // ---- queries

  @QueryMapping
  List<SlaPolicy> slaPolicies() {
    return sla.policies(actors.currentActor());
  }

  @QueryMapping
  List<BusinessCalendar> slaCalendars() {
    return sla.calendars(actors.currentActor());
  }

  @QueryMapping
  SlaPage slaDueSoonest(
      @Argument @Nullable SlaTarget target, @Argument int first, @Argument @Nullable String after) {
    return sla.dueSoonest(actors.currentActor(), target, first, after);
  }

  @QueryMapping
  SlaPage slaOverdue(
      @Argument @Nullable SlaTarget target, @Argument int first, @Argument @Nullable String after) {
    return sla.overdue(actors.currentActor(), target, first, after);
  }

  @QueryMapping
  SlaPage slaBreached(
      @Argument @Nullable SlaTarget target, @Argument int first, @Argument @Nullable String after) {
    return sla.breached(actors.currentActor(), target, first, after);
  }

  @QueryMapping
  SlaStatistics slaStatistics(@Argument Instant from, @Argument Instant to) {
    return sla.statistics(actors.currentActor(), from, to);
  }

  // ---- fields

  @SchemaMapping(typeName = "Ticket")
  CompletableFuture<List<SlaTargetView>> sla(
      TicketNode ticket, DataFetchingEnvironment environment) {
    DataLoader<String, List<SlaTargetView>> loader = environment.getDataLoader(TARGETS);
    if (loader == null) {
      throw new IllegalStateException("the " + TARGETS + " data loader is not registered");
    }
    return loader
        .load(ticket.id(), actors.currentActor())
        .thenApply(found -> found == null ? List.of() : found);
  }

  @SchemaMapping(typeName = "SlaTarget")
  long remainingSeconds(SlaTargetView target) {
    return target.remaining().toSeconds();
  }

  @SchemaMapping(typeName = "SlaTargetPage")
  List<SlaTargetView> nodes(SlaPage page) {
    return page.items();
  }

  @SchemaMapping(typeName = "SlaTargetPage")
  SlaPage pageInfo(SlaPage page) {
    return page; // endCursor and hasNextPage
  }

  @SchemaMapping(typeName = "SlaPolicy")
  List<String> categories(SlaPolicy policy) {
    return policy.categories().stream().map(Category::name).sorted().toList();
  }

  @SchemaMapping(typeName = "SlaFieldCondition")
  List<String> anyOf(dev.ticketing.sla.SlaFieldCondition condition) {
    return condition.anyOf().stream().sorted().toList();
  }

  @SchemaMapping(typeName = "SlaFieldCondition")
  @Nullable String atLeast(dev.ticketing.sla.SlaFieldCondition condition) {
    return condition.atLeast() == null ? null : condition.atLeast().toPlainString();
  }

  @SchemaMapping(typeName = "SlaFieldCondition")
  @Nullable String atMost(dev.ticketing.sla.SlaFieldCondition condition) {
    return condition.atMost() == null ? null : condition.atMost().toPlainString();
  }

  @SchemaMapping(typeName = "SlaPolicy")
  @Nullable Long warnBeforeSeconds(SlaPolicy policy) {
    return seconds(policy.warnBefore());
  }

  @SchemaMapping(typeName = "SlaPolicy")
  List<Goals> goals(SlaPolicy policy) {
    List<Goals> out = new ArrayList<>();
    for (Priority p : Priority.values()) {
      SlaTargets t = policy.targets().get(p);
      if (t != null) {
        out.add(
            new Goals(
                p, seconds(t.firstResponse()), seconds(t.nextResponse()), seconds(t.resolution())));
      }
    }
    return out;
  }

  /** The schema's {@code SlaGoals}. */
  record Goals(
      Priority priority,
      @Nullable Long firstResponseSeconds,
      @Nullable Long nextResponseSeconds,
      @Nullable Long resolutionSeconds) {}

  @SchemaMapping(typeName = "SlaCalendar")
  List<Workday> week(BusinessCalendar calendar) {
    List<Workday> days = new ArrayList<>();
    calendar
        .week()
        .forEach(
            (day, shifts) -> {
              if (!shifts.isEmpty()) {
                days.add(new Workday(day.name(), shifts.stream().map(Object::toString).toList()));
              }
            });
    return days;
  }

  /** The schema's {@code SlaWorkday}. */
  record Workday(String day, List<String> shifts) {}

  @SchemaMapping(typeName = "SlaCalendar")
  List<String> holidays(BusinessCalendar calendar) {
    return calendar.holidays().stream().sorted().map(Object::toString).toList();
  }

  @SchemaMapping(typeName = "SlaCalendar")
  List<String> yearlyHolidays(BusinessCalendar calendar) {
    return calendar.yearlyHolidays().stream().sorted().map(SlaGraphController::monthDay).toList();
  }

  @SchemaMapping(typeName = "SlaFigures")
  @Nullable Long p50Seconds(SlaStatistics.Row row) {
    return seconds(row.p50());
  }

  @SchemaMapping(typeName = "SlaFigures")
  @Nullable Long p90Seconds(SlaStatistics.Row row) {
    return seconds(row.p90());
  }

  @SchemaMapping(typeName = "SlaFigures")
  @Nullable Long p95Seconds(SlaStatistics.Row row) {
    return seconds(row.p95());
  }

  private static @Nullable Long seconds(@Nullable Duration d) {
    return d == null ? null : d.toSeconds();
  }

  private static String monthDay(MonthDay d) {
    return String.format(java.util.Locale.ROOT, "%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
  }
}
