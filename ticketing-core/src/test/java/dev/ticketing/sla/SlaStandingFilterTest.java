package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.Ticketing;
import dev.ticketing.support.Desk;
import dev.ticketing.support.Refusals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SLA standing filter through the engine: judged at the engine's clock, paged with "load more",
 * and its totals counted rather than read from the ticket counters (which know nothing of clocks).
 */
class SlaStandingFilterTest {

  private final SlaRecomputeProperties.SettableClock clock =
      new SlaRecomputeProperties.SettableClock(Instant.parse("2026-05-04T10:00:00Z"));
  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(Desk.DIRECTORY)
          .clock(clock)
          .sla(GoldenCatalog.configuration("24x7", "resume-warn30"))
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();

  @AfterEach
  void close() {
    ticketing.close();
  }

  private String create() {
    return ticketing
        .service()
        .createTicket(
            Desk.JOHN,
            new CreateTicket("Printer", "It is on fire", Priority.HIGH, null, "acme", null))
        .id();
  }

  private TicketPage page(SlaStanding standing, int first, String after) {
    TicketFilter f = TicketFilter.builder().status(Status.OPEN).slaStanding(standing).build();
    return ticketing
        .service()
        .ticketsPaginated(Desk.ADMIN, PageRequest.first(first).after(after).withTotalCount(), f);
  }

  @Test
  void pagesAndTotalsFollowTheStandingAtTheEnginesClock() {
    String a = create(); // first response due in 60 minutes, warned 30 minutes before
    // A second later: tickets created at one instant are ordered by their random ids.
    clock.advance(Duration.ofSeconds(1));
    String b = create();
    clock.advance(Duration.ofMinutes(30)); // a and b: warning due now
    String c = create();

    List<String> atRisk = new ArrayList<>();
    TicketPage p = page(SlaStanding.AT_RISK, 1, null);
    // Three OPEN tickets: a total read from the status counter would say 3.
    assertThat(p.totalCount()).isEqualTo(2L);
    assertThat(p.pageInfo().hasNextPage()).isTrue();
    p.edges().forEach(e -> atRisk.add(e.node().id()));
    p = page(SlaStanding.AT_RISK, 1, p.pageInfo().endCursor());
    p.edges().forEach(e -> atRisk.add(e.node().id()));
    assertThat(p.pageInfo().hasNextPage()).isFalse();
    assertThat(atRisk).containsExactly(b, a);

    TicketPage onTrack = page(SlaStanding.ON_TRACK, 10, null);
    assertThat(onTrack.totalCount()).isEqualTo(1L);
    assertThat(onTrack.edges())
        .singleElement()
        .satisfies(e -> assertThat(e.node().id()).isEqualTo(c));

    clock.advance(Duration.ofMinutes(30)); // a and b breach now; c is at risk
    assertThat(page(SlaStanding.BREACHED, 10, null).totalCount()).isEqualTo(2L);
    assertThat(page(SlaStanding.AT_RISK, 10, null).totalCount()).isEqualTo(1L);
    assertThat(page(SlaStanding.NONE, 10, null).totalCount()).isZero();
  }

  @Test
  void customersCannotFilterByStanding() {
    create();
    Refusals.refused(
        ErrorCode.ACCESS_DENIED,
        () ->
            ticketing
                .service()
                .ticketsPaginated(
                    Desk.JOHN,
                    PageRequest.first(10),
                    TicketFilter.builder().slaStanding(SlaStanding.ON_TRACK).build()));
  }
}
