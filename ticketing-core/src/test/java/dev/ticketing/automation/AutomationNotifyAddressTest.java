package dev.ticketing.automation;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.spi.Notification;
import dev.ticketing.testsupport.RecordingNotifier;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rule's notification to a plain e-mail address, not a user of the directory. */
class AutomationNotifyAddressTest {

  private final RecordingNotifier notifier = RecordingNotifier.working();

  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(SamplePeople.directory())
          .notifier(notifier)
          .automations(AutomationSettings.defaults())
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();

  @AfterEach
  void close() {
    ticketing.close();
  }

  static RuleDefinition tellBillingLead() {
    return RuleDefinition.trigger(
        "Tell the billing lead",
        10,
        Set.of(RuleEvent.CREATED),
        List.of(new Condition.CategoryIs(Set.of(Category.BILLING))),
        List.of(
            RuleAction.Notify.address(
                "billing-lead@example.com", "New billing ticket {{ticket.id}}")));
  }

  @Test
  void theAddressIsToldOnceAfterTheCommit() {
    ticketing.automations().create(ADMIN, tellBillingLead());
    TicketView t =
        ticketing
            .service()
            .createTicket(
                JOHN,
                new CreateTicket(
                    "Invoice charged twice", "Refund", Priority.HIGH, Category.BILLING, null));
    assertThat(notifier.delivered()).isEmpty(); // through the outbox, not inside the change

    ticketing.dispatcher().drain();
    ticketing.dispatcher().drain();

    List<Notification> toAddress =
        notifier.delivered().stream()
            .filter(n -> n.recipientId().equals("mailto:billing-lead@example.com"))
            .toList();
    assertThat(toAddress).hasSize(1);
    assertThat(toAddress.get(0).ticketId()).isEqualTo(t.id());
    assertThat(toAddress.get(0).template().name()).isEqualTo("automation-notice");
    assertThat(toAddress.get(0).data()).containsEntry("message", "New billing ticket " + t.id());
  }

  @Test
  void anAddressThatIsNotAnEmailAddressIsRefusedNamingTheField() {
    for (String bad : List.of("billing-lead", "a@b", "two words@example.com", "@example.com")) {
      RuleDefinition d =
          RuleDefinition.trigger(
              "bad",
              10,
              Set.of(RuleEvent.CREATED),
              List.of(),
              List.of(new RuleAction.AddTags(List.of("x")), RuleAction.Notify.address(bad, "hi")));
      assertThatThrownBy(() -> ticketing.automations().create(ADMIN, d))
          .isInstanceOf(ValidationException.class)
          .satisfies(
              e ->
                  assertThat(((ValidationException) e).violations())
                      .extracting(Violation::field)
                      .contains("actions[1].address"));
    }
    RuleDefinition misplaced =
        RuleDefinition.trigger(
            "misplaced",
            10,
            Set.of(RuleEvent.CREATED),
            List.of(),
            List.of(
                new RuleAction.Notify(
                    RuleAction.Notify.Audience.ADMINS, null, "hi", "a@example.com")));
    assertThatThrownBy(() -> ticketing.automations().create(ADMIN, misplaced))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).violations())
                    .extracting(Violation::field)
                    .contains("actions[0].address"));
    assertThat(ticketing.automations().rules(ADMIN)).isEmpty();
  }
}
