package dev.ticketing.jpa;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Ticketing;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.tck.AutomationStoreContract;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The automation store contract on H2, and a rule's text read back by a new engine. */
class JpaAutomationStoreH2Test extends AutomationStoreContract {
  @Override
  protected AutomationStore createStore() {
    return AutomationTestDatabases.emptyStore(TestDatabase.H2);
  }

  @Test
  void aNotificationToAnAddressIsReadBackAsWrittenByANewEngine() {
    TestDatabase.H2.truncate();
    MutableClock clock = MutableClock.ticking("2026-12-07T10:00:00Z");
    RuleDefinition d =
        RuleDefinition.trigger(
            "tell the lead",
            1,
            Set.of(RuleEvent.CREATED),
            List.of(new Condition.HasTag("vip")),
            List.of(
                RuleAction.Notify.address("billing-lead@example.com", "Ticket {{ticket.id}}|a"),
                new RuleAction.Notify(RuleAction.Notify.Audience.USER, "admin", "plain")));
    try (Ticketing first = engine(clock)) {
      first.automations().create(ADMIN, d);
    }
    try (Ticketing again = engine(clock)) {
      assertThat(again.automations().rules(ADMIN))
          .extracting(r -> r.definition().actions())
          .containsExactly(d.actions());
    }
  }

  private static Ticketing engine(MutableClock clock) {
    return Ticketing.builder()
        .store(JpaTicketStore.resourceLocal(TestDatabase.H2.start().factory()))
        .blobStore(new InMemoryBlobStore(clock))
        .directory(SamplePeople.directory())
        .clock(clock)
        .automations(AutomationSettings.defaults())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }
}
