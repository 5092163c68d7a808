package dev.ticketing.jpa;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static dev.ticketing.testsupport.SamplePeople.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.CreateTicket;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import dev.ticketing.LinkKind;
import dev.ticketing.LinkTickets;
import dev.ticketing.LinkView;
import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.SetFieldValues;
import dev.ticketing.SlaTargetView;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryFieldDefinitionStore;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTargets;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain Java host that gives the builder only a {@link JpaTicketStore}: every capability beside
 * the tickets lands on the same database through the store's companions, explicit stores win, and
 * automation stays off until its settings turn it on.
 */
class OneStoreWiresEveryCapabilityTest {

  private final MutableClock clock = MutableClock.ticking("2026-12-07T10:00:00Z");

  @BeforeEach
  void empty() {
    TestDatabase.H2.truncate();
  }

  private Ticketing.Builder onlyTheStore() {
    return Ticketing.builder()
        .store(JpaTicketStore.resourceLocal(TestDatabase.H2.start().factory()))
        .blobStore(new InMemoryBlobStore(clock))
        .directory(SamplePeople.directory())
        .clock(clock)
        .backgroundDispatch(false)
        .backgroundSweep(false);
  }

  private static TicketView ticket(Ticketing t, String title) {
    return t.service().createTicket(JOHN, CreateTicket.of(title, "Since today", "acme"));
  }

  @Test
  void aFieldDefinitionSurvivesANewEngineOverTheSameDatabase() {
    try (Ticketing first = onlyTheStore().build()) {
      first.fields().define(ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
    }
    try (Ticketing second = onlyTheStore().build()) {
      assertThat(second.fields().definitions(ADMIN, null))
          .extracting(FieldDefinition::key)
          .containsExactly("seats");
      TicketView t = ticket(second, "More seats");
      TicketView after = second.fields().setValues(ADMIN, SetFieldValues.set(t.id(), "seats", 12));
      assertThat(after.fields()).containsEntry("seats", FieldValue.number(12));
    }
  }

  @Test
  void linksMacrosRatingsAssignmentAndSlaWorkOnTheStoresDatabase() {
    SlaConfiguration sla =
        SlaConfiguration.of(
            List.of(
                SlaPolicy.everyTicket(
                    "desk", SlaPolicy.allPriorities(SlaTargets.minutes(30, 60, 120)))));
    try (Ticketing t = onlyTheStore().sla(sla).build()) {
      TicketView a = ticket(t, "VPN down");
      TicketView b = ticket(t, "VPN still down");

      t.links().link(ADMIN, LinkTickets.of(a.id(), LinkKind.RELATED, b.id()));
      assertThat(t.links().relations(ADMIN, a.id()).links())
          .flatExtracting(LinkView::ticketId, LinkView::otherTicketId)
          .containsExactlyInAnyOrder(
              a.id(), b.id()); // a related link reads the same from both ends

      t.assignment().saveAgent(ADMIN, AgentSettings.of("sarah", 5));
      assertThat(
              t.assignment()
                  .autoAssign(ADMIN, AutoAssign.of(a.id(), AssignmentStrategy.ROUND_ROBIN))
                  .agentId())
          .isEqualTo("sarah");

      assertThat(t.sla().targets(ADMIN, a.id()))
          .extracting(SlaTargetView::policyId)
          .containsOnly("desk")
          .isNotEmpty();

      Macro solved =
          t.macros()
              .define(
                  ADMIN,
                  MacroDefinition.named("Solved").reply("Fixed.").status(Status.RESOLVED).build());
      assertThat(t.macros().apply(SARAH, solved.id(), a.id()).ticket().status())
          .isEqualTo(Status.RESOLVED);

      t.ratings().rate(JOHN, a.id(), 4, "Quick");
      assertThat(t.ratings().rating(ADMIN, a.id()))
          .hasValueSatisfying(r -> assertThat(r.score()).isEqualTo(4));
    }
    // Everything above is in the database: a new engine over it sees it.
    try (Ticketing again = onlyTheStore().build()) {
      assertThat(again.macros().macros(ADMIN)).extracting(Macro::name).containsExactly("Solved");
      assertThat(again.assignment().agents(ADMIN)).extracting(s -> s.agentId()).contains("sarah");
    }
  }

  @Test
  void anExplicitStoreWinsOverTheCompanion() {
    try (Ticketing t =
        onlyTheStore().fieldDefinitions(new InMemoryFieldDefinitionStore()).build()) {
      t.fields().define(ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
      assertThat(t.fields().definitions(ADMIN, null)).hasSize(1);
    }
    try (Ticketing t = onlyTheStore().build()) {
      assertThat(t.fields().definitions(ADMIN, null)).isEmpty();
    }
  }

  @Test
  void automationStaysOffUntilItsSettingsTurnItOnThenKeepsRulesInTheDatabase() {
    RuleDefinition tagNew =
        RuleDefinition.trigger(
            "tag new",
            1,
            Set.of(RuleEvent.CREATED),
            List.of(),
            List.of(new RuleAction.AddTags(List.of("triaged"))));
    try (Ticketing off = onlyTheStore().build()) {
      assertThatThrownBy(() -> off.automations().create(ADMIN, tagNew))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("automation is off");
    }
    try (Ticketing on = onlyTheStore().automations(AutomationSettings.defaults()).build()) {
      on.automations().create(ADMIN, tagNew);
      TicketView created = ticket(on, "Printer");
      assertThat(on.service().ticket(ADMIN, created.id()).ticket().tags())
          .containsExactly("triaged");
    }
    try (Ticketing again = onlyTheStore().automations(AutomationSettings.defaults()).build()) {
      assertThat(again.automations().rules(ADMIN))
          .extracting(r -> r.definition().name())
          .containsExactly("tag new");
    }
  }
}
