package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.Priority;
import dev.ticketing.SlaPage;
import dev.ticketing.SlaTargetView;
import dev.ticketing.Ticketing;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.support.Desk;
import dev.ticketing.support.Refusals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SLA reads and alerts through a {@link Ticketing} built with policies. */
class SlaServiceTest {

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

  @Test
  void staffSeeEachTargetWithItsDueTimeAndRemainingTimeCustomersDoNot() {
    String id = create(Priority.HIGH);
    clock.advance(Duration.ofMinutes(45));

    List<SlaTargetView> targets = ticketing.sla().targets(Desk.ADMIN, id);

    assertThat(targets)
        .extracting(
            SlaTargetView::target,
            SlaTargetView::status,
            SlaTargetView::remaining,
            SlaTargetView::dueAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.FIRST_RESPONSE,
                SlaTargetView.Status.ACTIVE,
                Duration.ofMinutes(15),
                Instant.parse("2026-05-04T11:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                SlaTarget.RESOLUTION,
                SlaTargetView.Status.ACTIVE,
                Duration.ofMinutes(435),
                Instant.parse("2026-05-04T18:00:00Z")));
    Refusals.refused(ErrorCode.ACCESS_DENIED, () -> ticketing.sla().targets(Desk.JOHN, id));
    Refusals.refused(
        ErrorCode.ACCESS_DENIED, () -> ticketing.sla().dueSoonest(Desk.JOHN, null, 10, null));
  }

  @Test
  void theSchedulerRaisesAWarningAndABreachOnceEachAsAuditEntriesAndNotifications() {
    String id = create(Priority.HIGH); // first response due in 60 minutes, warned 30 before
    String answered = create(Priority.HIGH);
    ticketing.service().addComment(Desk.ADMIN, new AddComment(answered, "Hello", false));

    assertThat(standings(id)).containsExactly(SlaStanding.ON_TRACK, SlaStanding.ON_TRACK);
    clock.advance(Duration.ofMinutes(35));
    // The warning's moment: the target's view says at risk, as the inbox's standing filter does.
    assertThat(standings(id)).containsExactly(SlaStanding.AT_RISK, SlaStanding.ON_TRACK);
    SlaScheduler.Result warned = ticketing.slaScheduler().raiseDue();
    clock.advance(Duration.ofMinutes(30));
    assertThat(standings(id)).containsExactly(SlaStanding.BREACHED, SlaStanding.ON_TRACK);
    SlaScheduler.Result breached = ticketing.slaScheduler().raiseDue();
    SlaScheduler.Result again = ticketing.slaScheduler().raiseDue();

    assertThat(warned).isEqualTo(new SlaScheduler.Result(1, 0));
    assertThat(breached).isEqualTo(new SlaScheduler.Result(0, 1));
    assertThat(again).isEqualTo(new SlaScheduler.Result(0, 0));
    assertThat(ticketing.service().history(Desk.ADMIN, id))
        .extracting(AuditEntry::action)
        .containsSubsequence(AuditAction.SLA_WARNING, AuditAction.SLA_BREACHED);
    assertThat(((InMemoryTicketStore) ticketing.store()).outboxEntries())
        .extracting(e -> e.request().template())
        .containsSubsequence(SlaScheduler.WARNING_TEMPLATE, SlaScheduler.BREACH_TEMPLATE);
    assertThat(ticketing.sla().targets(Desk.ADMIN, id).get(0).status())
        .isEqualTo(SlaTargetView.Status.BREACHED);
  }

  private List<SlaStanding> standings(String ticketId) {
    return ticketing.sla().targets(Desk.ADMIN, ticketId).stream()
        .map(SlaTargetView::standing)
        .toList();
  }

  @Test
  void dueSoonestAndBreachedPageWithACursor() {
    List<String> ids = new ArrayList<>();
    for (Priority p : List.of(Priority.LOW, Priority.URGENT, Priority.HIGH)) {
      ids.add(create(p));
    }
    clock.advance(Duration.ofMinutes(20)); // the urgent ticket's first response (15) is overdue

    List<SlaTargetView> all = new ArrayList<>();
    String after = null;
    do {
      SlaPage page = ticketing.sla().dueSoonest(Desk.ADMIN, null, 2, after);
      all.addAll(page.items());
      after = page.hasNextPage() ? page.endCursor() : null;
    } while (after != null);
    SlaPage breached = ticketing.sla().breached(Desk.ADMIN, null, 10, null);

    assertThat(all).hasSize(6);
    assertThat(all).extracting(SlaTargetView::dueAt).isSorted();
    assertThat(all.get(0).ticketId()).isEqualTo(ids.get(1));
    assertThat(breached.items())
        .extracting(SlaTargetView::ticketId, SlaTargetView::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(1), SlaTarget.FIRST_RESPONSE));
    Refusals.invalid(() -> ticketing.sla().breached(Desk.ADMIN, null, 10, "not-a-cursor"), "after");
    assertThat(ticketing.sla().overdue(Desk.ADMIN, null, 10, null).items())
        .extracting(SlaTargetView::ticketId)
        .containsExactly(ids.get(1));
    // Answered late: still breached, no longer overdue.
    ticketing.service().addComment(Desk.ADMIN, new AddComment(ids.get(1), "Sorry", false));
    assertThat(ticketing.sla().overdue(Desk.ADMIN, null, 10, null).items()).isEmpty();
    assertThat(ticketing.sla().breached(Desk.ADMIN, null, 10, null).items()).hasSize(1);
  }

  private String create(Priority p) {
    return ticketing
        .service()
        .createTicket(
            Desk.JOHN, new CreateTicket("Printer", "It is on fire", p, null, "acme", null))
        .id();
  }

  @Test
  void aSoftDeletedTicketLeavesEveryListAndARestoredOneComesBack() {
    String deleted = create(Priority.URGENT);
    String kept = create(Priority.URGENT);
    clock.advance(Duration.ofMinutes(20)); // both first responses overdue
    ticketing.service().deleteTicket(Desk.ADMIN, deleted);

    assertThat(ticketing.sla().dueSoonest(Desk.ADMIN, null, 10, null).items())
        .extracting(SlaTargetView::ticketId)
        .containsOnly(kept);
    assertThat(ticketing.sla().overdue(Desk.ADMIN, null, 10, null).items())
        .extracting(SlaTargetView::ticketId)
        .containsOnly(kept);
    assertThat(ticketing.sla().breached(Desk.ADMIN, null, 10, null).items())
        .extracting(SlaTargetView::ticketId)
        .containsOnly(kept);

    ticketing.service().restoreTicket(Desk.ROOT, deleted);
    assertThat(ticketing.sla().overdue(Desk.ADMIN, null, 10, null).items())
        .extracting(SlaTargetView::ticketId)
        .contains(deleted, kept);
  }

  @Test
  void adminsSeeThePoliciesStaffTheCalendarsCustomersNeither() {
    assertThat(ticketing.sla().policies(Desk.ADMIN))
        .extracting(SlaPolicy::id)
        .containsExactly("billing", "main");
    // "24x7" counts calendar hours: no calendar.
    assertThat(ticketing.sla().calendars(Desk.SARAH)).isEmpty();
    Refusals.refused(ErrorCode.ACCESS_DENIED, () -> ticketing.sla().policies(Desk.SARAH));
    Refusals.refused(ErrorCode.ACCESS_DENIED, () -> ticketing.sla().calendars(Desk.JOHN));
  }

  @Test
  void theAlertsHaveBuiltInEnglishTexts() {
    var templates = dev.ticketing.notification.MessageTemplates.defaults();
    java.util.Map<String, String> data =
        java.util.Map.of("ticketTitle", "Printer", "slaTarget", "FIRST_RESPONSE", "slaDueAt", "x");

    assertThat(
            templates
                .render(SlaScheduler.BREACH_TEMPLATE, java.util.Locale.ENGLISH, data)
                .subject())
        .isEqualTo("SLA breached: Printer");
    assertThat(
            templates.render(SlaScheduler.WARNING_TEMPLATE, java.util.Locale.ENGLISH, data).text())
        .contains("FIRST_RESPONSE");
  }
}
