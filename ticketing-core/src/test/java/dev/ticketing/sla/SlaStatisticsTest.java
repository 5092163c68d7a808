package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.Priority;
import dev.ticketing.SlaStatistics;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.Reach;
import dev.ticketing.policy.Role;
import dev.ticketing.support.Desk;
import dev.ticketing.support.Refusals;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SLA statistics over a known morning on a round-the-clock desk (HIGH: 60 minutes to respond, 480
 * to resolve; URGENT: 15 and 120): three first responses after 20, 50 and 40 minutes, the last one
 * late, and one resolution after an hour.
 */
class SlaStatisticsTest {

  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  private final SlaRecomputeProperties.SettableClock clock =
      new SlaRecomputeProperties.SettableClock(T0);
  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(Desk.DIRECTORY)
          .clock(clock)
          .policy(
              MatrixPolicy.standard().toBuilder()
                  .grant(Role.AGENT, Operation.VIEW_STATISTICS, Reach.ALL)
                  .build())
          .sla(GoldenCatalog.configuration("24x7", "resume-warn30"))
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();

  @AfterEach
  void close() {
    ticketing.close();
  }

  private String quick;

  private void morning() {
    quick = create(Desk.JOHN, Priority.HIGH, "acme");
    String slower = create(Desk.ALICE, Priority.HIGH, "acme");
    String late = create(Desk.JANE, Priority.URGENT, "globex");
    create(Desk.JANE, Priority.LOW, "globex"); // nothing settles: 480 minutes to respond
    ticketing.service().assignTicket(Desk.ADMIN, new AssignTicket(quick, "sarah"));
    at(20, () -> reply(quick));
    at(40, () -> reply(late));
    at(50, () -> reply(slower));
    at(
        60,
        () ->
            ticketing.service().changeStatus(Desk.ADMIN, new ChangeStatus(quick, Status.RESOLVED)));
    at(90, () -> {});
  }

  @Test
  void percentilesByNearestRankAndBreachRatesOverallPerPriorityAndPerCompany() {
    morning();

    SlaStatistics s = ticketing.sla().statistics(Desk.ADMIN, T0, T0.plus(Duration.ofHours(2)));

    assertThat(s.overall())
        .extracting(
            SlaStatistics.Row::target,
            SlaStatistics.Row::measured,
            SlaStatistics.Row::p50,
            SlaStatistics.Row::p90,
            SlaStatistics.Row::p95,
            SlaStatistics.Row::settled,
            SlaStatistics.Row::breached)
        .containsExactly(
            tuple(SlaTarget.FIRST_RESPONSE, 3L, min(40), min(50), min(50), 3L, 1L),
            tuple(SlaTarget.RESOLUTION, 1L, min(60), min(60), min(60), 1L, 0L));
    assertThat(s.overall().get(0).breachRate()).isEqualTo(1.0 / 3);
    assertThat(s.byPriority())
        .extracting(
            SlaStatistics.Row::target,
            SlaStatistics.Row::priority,
            SlaStatistics.Row::p50,
            SlaStatistics.Row::p90,
            SlaStatistics.Row::breachRate)
        .containsExactly(
            tuple(SlaTarget.FIRST_RESPONSE, Priority.HIGH, min(20), min(50), 0.0),
            tuple(SlaTarget.RESOLUTION, Priority.HIGH, min(60), min(60), 0.0),
            tuple(SlaTarget.FIRST_RESPONSE, Priority.URGENT, min(40), min(40), 1.0));
    assertThat(s.byCompany())
        .extracting(
            SlaStatistics.Row::target,
            SlaStatistics.Row::companyId,
            SlaStatistics.Row::measured,
            SlaStatistics.Row::breached)
        .containsExactly(
            tuple(SlaTarget.FIRST_RESPONSE, "acme", 2L, 0L),
            tuple(SlaTarget.RESOLUTION, "acme", 1L, 0L),
            tuple(SlaTarget.FIRST_RESPONSE, "globex", 1L, 1L));
  }

  @Test
  void aPeriodCountsWhatWasMetAndWhatBreachedInsideItOnly() {
    morning();

    // 10:30-12:00: the late response (met 10:40, breached 10:15) is measured but did not breach
    // in the period; the quick one (10:20) is out.
    SlaStatistics s =
        ticketing.sla().statistics(Desk.ADMIN, T0.plus(min(30)), T0.plus(Duration.ofHours(2)));

    assertThat(s.overall())
        .extracting(
            SlaStatistics.Row::target,
            SlaStatistics.Row::measured,
            SlaStatistics.Row::settled,
            SlaStatistics.Row::breached)
        .containsExactly(
            tuple(SlaTarget.FIRST_RESPONSE, 2L, 1L, 0L), tuple(SlaTarget.RESOLUTION, 1L, 1L, 0L));
  }

  @Test
  void onlyTicketsWhoseTargetsTheActorMayReadAreCountedAndCustomersAreRefused() {
    morning();

    // Sarah may see statistics here, but reads the history of her own ticket only.
    SlaStatistics sarahs = ticketing.sla().statistics(Desk.SARAH, T0, T0.plus(min(120)));

    assertThat(sarahs.byCompany())
        .extracting(SlaStatistics.Row::companyId, SlaStatistics.Row::measured)
        .containsExactly(tuple("acme", 1L), tuple("acme", 1L));
    Refusals.refused(
        ErrorCode.ACCESS_DENIED,
        () -> ticketing.sla().statistics(Desk.JOHN, T0, T0.plus(min(120))));
  }

  @Test
  void aPeriodMustEndAfterItStartsAndSpanAYearAtMost() {
    Refusals.invalid(() -> ticketing.sla().statistics(Desk.ADMIN, T0, T0), "to");
    Refusals.invalid(
        () -> ticketing.sla().statistics(Desk.ADMIN, T0, T0.plus(Duration.ofDays(367))), "to");
  }

  private String create(Actor who, Priority p, String company) {
    return ticketing
        .service()
        .createTicket(who, new CreateTicket("Printer", "It is on fire", p, null, company, null))
        .id();
  }

  private void reply(String id) {
    ticketing.service().addComment(Desk.ADMIN, new AddComment(id, "On it", false));
  }

  private void at(int minutes, Runnable r) {
    clock.advance(Duration.between(clock.instant(), T0.plus(min(minutes))));
    r.run();
  }

  private static Duration min(long m) {
    return Duration.ofMinutes(m);
  }
}
