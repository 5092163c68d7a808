package dev.ticketing.automation;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static dev.ticketing.testsupport.SamplePeople.SARAH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recipes of docs/automations.md, each run as written there. */
class AutomationRecipesTest {

  private final MutableClock clock =
      MutableClock.frozen(java.time.Instant.parse("2026-03-02T09:00:00Z"));

  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(SamplePeople.directory())
          .clock(clock)
          .automations(AutomationSettings.defaults())
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();

  @AfterEach
  void close() {
    ticketing.close();
  }

  // --- recipe 1: urgent billing tickets go to the billing team and notify the lead
  static RuleDefinition urgentBilling() {
    return RuleDefinition.trigger(
        "Urgent billing to the billing team",
        10,
        Set.of(RuleEvent.CREATED, RuleEvent.UPDATED),
        List.of(
            new Condition.PriorityIs(Set.of(Priority.URGENT)),
            new Condition.CategoryIs(Set.of(Category.BILLING)),
            new Condition.LacksTag("team-billing")),
        List.of(
            new RuleAction.AddTags(List.of("team-billing")),
            new RuleAction.AssignTo("sarah"),
            new RuleAction.Notify(
                RuleAction.Notify.Audience.USER,
                "admin",
                "Urgent billing ticket {{ticket.id}}: {{ticket.title}}")));
  }

  // --- recipe 2: close RESOLVED tickets after 7 days without a reply
  static RuleDefinition closeResolved() {
    return RuleDefinition.timeRule(
        "Close resolved tickets after 7 quiet days",
        10,
        List.of(
            new Condition.StatusIs(Set.of(Status.RESOLVED)),
            Condition.Elapsed.hours(Since.STATUS_CHANGE, 7 * 24),
            Condition.Elapsed.hours(Since.LAST_REPLY, 7 * 24)),
        List.of(new RuleAction.SetStatus(Status.CLOSED)));
  }

  // --- recipe 3: remind the customer after 3 days waiting
  static RuleDefinition remindWaiting() {
    return RuleDefinition.timeRule(
        "Remind the customer after 3 days waiting",
        20,
        List.of(
            new Condition.StatusIs(Set.of(Status.WAITING_FOR_CUSTOMER)),
            Condition.Elapsed.hours(Since.STATUS_CHANGE, 72)),
        List.of(
            new RuleAction.AddReply(
                "We are still waiting for your answer on \"{{ticket.title}}\". Reply to this"
                    + " message and we will pick it up again.")));
  }

  @Test
  void urgentBillingTicketsGoToTheBillingTeamAndNotifyTheLead() {
    Rule rule = ticketing.automations().create(ADMIN, urgentBilling());

    TicketView t =
        ticketing
            .service()
            .createTicket(
                JOHN,
                new CreateTicket(
                    "Invoice charged twice",
                    "Please refund",
                    Priority.URGENT,
                    Category.BILLING,
                    null));
    TicketView calm =
        ticketing
            .service()
            .createTicket(
                JOHN,
                new CreateTicket(
                    "Invoice address", "Change it", Priority.LOW, Category.BILLING, null));

    // The caller is answered with the ticket as the rule left it (tags are for staff only).
    assertThat(ticketing.service().ticket(ADMIN, t.id()).ticket().tags())
        .containsExactly("team-billing");
    assertThat(t.assignedTo()).isNotNull();
    assertThat(t.assignedTo().id()).isEqualTo("sarah");
    assertThat(calm.assignedTo()).isNull();
    List<AuditEntry> history = ticketing.service().history(ADMIN, t.id());
    assertThat(history)
        .filteredOn(e -> e.actorId().equals(rule.actorId()))
        .extracting(AuditEntry::action)
        .containsExactly(
            dev.ticketing.AuditAction.TAGS_CHANGED, dev.ticketing.AuditAction.TICKET_ASSIGNED);
    List<OutboxEntry> notices =
        ticketing.store().outbox().list(dev.ticketing.spi.OutboxState.PENDING, null, 100).stream()
            .filter(e -> e.request().template().name().equals("automation-notice"))
            .toList();
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).request().data())
        .containsEntry("message", "Urgent billing ticket " + t.id() + ": Invoice charged twice");
  }

  @Test
  void resolvedTicketsCloseAfterSevenDaysWithoutAReply() {
    ticketing.automations().create(ADMIN, closeResolved());
    TicketView t = created("Printer on fire");
    ticketing.service().changeStatus(ADMIN, new ChangeStatus(t.id(), Status.RESOLVED));

    clock.advance(Duration.ofDays(6));
    assertThat(ticketing.automationScheduler().fireDue()).isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(ticketing.automationScheduler().fireDue()).isEqualTo(1);
    assertThat(ticketing.automationScheduler().fireDue()).isZero();

    assertThat(ticketing.service().ticket(ADMIN, t.id()).ticket().status())
        .isEqualTo(Status.CLOSED);
  }

  @Test
  void theCustomerIsRemindedOnceAfterThreeDaysWaiting() {
    ticketing.automations().create(ADMIN, remindWaiting());
    TicketView t = created("Cannot log in");
    ticketing.service().assignTicket(ADMIN, new dev.ticketing.AssignTicket(t.id(), "sarah"));
    ticketing.service().changeStatus(SARAH, new ChangeStatus(t.id(), Status.WAITING_FOR_CUSTOMER));

    clock.advance(Duration.ofHours(71));
    assertThat(ticketing.automationScheduler().fireDue()).isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(ticketing.automationScheduler().fireDue()).isEqualTo(1);
    clock.advance(Duration.ofDays(5));
    assertThat(ticketing.automationScheduler().fireDue()).isZero(); // once per waiting period

    assertThat(ticketing.service().ticket(JOHN, t.id()).comments())
        .extracting(c -> c.content())
        .singleElement()
        .asString()
        .startsWith("We are still waiting for your answer on \"Cannot log in\"");
  }

  private TicketView created(String title) {
    return ticketing
        .service()
        .createTicket(JOHN, new CreateTicket(title, "details", null, null, null));
  }
}
