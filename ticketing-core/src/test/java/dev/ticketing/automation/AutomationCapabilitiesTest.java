package dev.ticketing.automation;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.Category;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import dev.ticketing.FieldVisibility;
import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.Priority;
import dev.ticketing.SetFieldValues;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rules acting through the capabilities beside them: assignment strategies, custom fields and
 * macros. The recipes of docs/automations.md's second half, each run as written there.
 */
class AutomationCapabilitiesTest {

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

  // --- recipe: new urgent billing tickets go to the least loaded billing agent
  static RuleDefinition urgentBillingByLoad() {
    return RuleDefinition.trigger(
        "Urgent billing to the least loaded billing agent",
        10,
        Set.of(RuleEvent.CREATED),
        List.of(
            new Condition.PriorityIs(Set.of(Priority.URGENT)),
            new Condition.CategoryIs(Set.of(Category.BILLING))),
        List.of(
            new RuleAction.AssignByStrategy(
                AssignmentStrategy.LEAST_LOADED, List.of("category:billing"))));
  }

  // --- recipe: enterprise tickets with a large contract value are urgent
  static RuleDefinition bigContractsAreUrgent() {
    return RuleDefinition.trigger(
        "Large enterprise contracts are urgent",
        20,
        Set.of(RuleEvent.CREATED, RuleEvent.UPDATED),
        List.of(
            new Condition.FieldIs("plan", Set.of("enterprise", "premium")),
            new Condition.FieldBetween("contract_value", "10000", null)),
        List.of(
            new RuleAction.SetPriority(Priority.URGENT),
            new RuleAction.SetFieldValue("escalated", "true")));
  }

  // --- recipe: new billing tickets from customers get the refund macro
  static RuleDefinition refundMacro() {
    return RuleDefinition.trigger(
        "Billing tickets from customers get the refund macro",
        30,
        Set.of(RuleEvent.CREATED),
        List.of(new Condition.CategoryIs(Set.of(Category.BILLING)), Condition.ActorIs.customer()),
        List.of(new RuleAction.ApplyMacro("Refund received")));
  }

  private TicketView create(Priority p, Category c) {
    return ticketing
        .service()
        .createTicket(JOHN, new CreateTicket("Invoice wrong", "Please fix", p, c, null));
  }

  private int load(String agentId) {
    return ticketing.assignment().agent(ADMIN, agentId).map(AgentState::load).orElseThrow();
  }

  @Test
  void urgentBillingTicketsGoToTheLeastLoadedBillingAgentWithinCapacity() {
    ticketing.assignment().saveAgent(ADMIN, AgentSettings.of("sarah", 2, "category:billing"));
    ticketing.assignment().saveAgent(ADMIN, AgentSettings.of("mike", 2, "category:billing"));
    // Idle but not a billing agent: never chosen by this rule.
    ticketing.assignment().saveAgent(ADMIN, AgentSettings.of("admin", 10, "category:technical"));
    ticketing.automations().create(ADMIN, urgentBillingByLoad());
    TicketView earlier = create(Priority.LOW, Category.BILLING);
    ticketing.service().assignTicket(ADMIN, new AssignTicket(earlier.id(), "sarah"));

    TicketView first = create(Priority.URGENT, Category.BILLING);
    assertThat(first.assignedTo()).isNotNull();
    assertThat(first.assignedTo().id()).isEqualTo("mike"); // sarah has one ticket, mike none

    TicketView second = create(Priority.URGENT, Category.BILLING);
    TicketView third = create(Priority.URGENT, Category.BILLING);
    assertThat(List.of(second, third))
        .allSatisfy(t -> assertThat(t.assignedTo()).isNotNull())
        .extracting(t -> t.assignedTo().id())
        .containsExactlyInAnyOrder("sarah", "mike");
    assertThat(load("sarah")).isEqualTo(2);
    assertThat(load("mike")).isEqualTo(2);

    // Both billing agents are full: the rule assigns nobody, the admin is not a billing agent.
    TicketView fourth = create(Priority.URGENT, Category.BILLING);
    assertThat(fourth.assignedTo()).isNull();
    assertThat(load("sarah")).isEqualTo(2);
    assertThat(load("mike")).isEqualTo(2);
    assertThat(load("admin")).isZero();
    // A ticket the rule does not match is left alone.
    assertThat(create(Priority.URGENT, Category.TECHNICAL).assignedTo()).isNull();
  }

  @Test
  void aRuleNamingAnUnknownStrategyIsRefusedWhenDefined() {
    RuleDefinition bad =
        RuleDefinition.trigger(
            "bad",
            1,
            Set.of(RuleEvent.CREATED),
            List.of(),
            List.of(new RuleAction.AssignByStrategy("fastest")));
    assertThatThrownBy(() -> ticketing.automations().create(ADMIN, bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("actions[0].strategy"));
  }

  @Test
  void fieldConditionsAndSetFieldValue() {
    ticketing
        .fields()
        .define(
            ADMIN,
            FieldSpec.of("plan", "Plan", FieldType.CHOICE)
                .withChoices("free", "premium", "enterprise")
                .withVisibility(FieldVisibility.CUSTOMERS));
    ticketing
        .fields()
        .define(
            ADMIN,
            FieldSpec.of("contract_value", "Contract value", FieldType.DECIMAL)
                .withVisibility(FieldVisibility.CUSTOMERS));
    ticketing.fields().define(ADMIN, FieldSpec.of("escalated", "Escalated", FieldType.BOOLEAN));
    ticketing.automations().create(ADMIN, bigContractsAreUrgent());

    TicketView big = createWithFields(Map.of("plan", "enterprise", "contract_value", "25000.00"));
    TicketView small = createWithFields(Map.of("plan", "enterprise", "contract_value", "9999.99"));
    TicketView free = createWithFields(Map.of("plan", "free", "contract_value", "50000"));
    TicketView none = createWithFields(Map.of());

    TicketView bigNow = ticketing.service().ticket(ADMIN, big.id()).ticket();
    assertThat(bigNow.priority()).isEqualTo(Priority.URGENT);
    assertThat(bigNow.fields()).containsEntry("escalated", FieldValue.bool(true));
    for (TicketView t : List.of(small, free, none)) {
      TicketView now = ticketing.service().ticket(ADMIN, t.id()).ticket();
      assertThat(now.priority()).isEqualTo(Priority.LOW);
      assertThat(now.fields()).doesNotContainKey("escalated");
    }
    // The range's lower bound is inclusive and compares by value: 10000 equals 10000.0.
    ticketing
        .fields()
        .setValues(ADMIN, SetFieldValues.set(small.id(), "contract_value", "10000.0"));
    TicketView smallNow = ticketing.service().ticket(ADMIN, small.id()).ticket();
    assertThat(smallNow.priority()).isEqualTo(Priority.URGENT);
    assertThat(smallNow.fields())
        .containsEntry("contract_value", FieldValue.decimal(BigDecimal.valueOf(10000)));
  }

  private TicketView createWithFields(Map<String, Object> fields) {
    return ticketing
        .service()
        .createTicket(
            JOHN,
            new CreateTicket(
                "Contract",
                "Details",
                Priority.LOW,
                Category.BILLING,
                null,
                null,
                null,
                null,
                null,
                fields));
  }

  @Test
  void fieldRulesNameUnknownFieldsAndBadValuesWhenDefined() {
    ticketing.fields().define(ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
    ticketing
        .fields()
        .define(ADMIN, FieldSpec.of("plan", "Plan", FieldType.CHOICE).withChoices("free", "pro"));
    RuleDefinition bad =
        RuleDefinition.trigger(
            "bad fields",
            1,
            Set.of(RuleEvent.CREATED),
            List.of(
                new Condition.FieldIs("tier", Set.of("gold")),
                new Condition.FieldBetween("plan", "a", "b"),
                new Condition.FieldBetween("seats", "ten", null),
                Condition.FieldIs.equalTo("plan", "platinum")),
            List.of(
                new RuleAction.SetFieldValue("region", "eu"),
                new RuleAction.SetFieldValue("seats", "many")));
    assertThatThrownBy(() -> ticketing.automations().create(ADMIN, bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .containsExactlyInAnyOrder(
                      "conditions[0].key",
                      "conditions[1].key",
                      "conditions[2].from",
                      "conditions[3].values",
                      "actions[0].key",
                      "actions[1].value");
              assertThat(e.violations())
                  .extracting(Violation::message)
                  .anySatisfy(m -> assertThat(m).contains("'tier'"))
                  .anySatisfy(m -> assertThat(m).contains("'region'"));
            });
    assertThat(ticketing.automations().rules(ADMIN)).isEmpty();
  }

  @Test
  void applyMacroAddsItsReplyAndChangesInTheRulesUnitOfWork() {
    Macro macro =
        ticketing
            .macros()
            .define(
                ADMIN,
                MacroDefinition.named("Refund received")
                    .reply("We received your refund request for {{ticket.title}}.")
                    .status(Status.IN_PROGRESS)
                    .addTags(List.of("refund-queue"))
                    .build());
    ticketing.automations().create(ADMIN, refundMacro());

    TicketView t =
        ticketing
            .service()
            .createTicket(
                JOHN,
                new CreateTicket(
                    "Refund please",
                    "Charged twice",
                    Priority.LOW,
                    Category.BILLING,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));

    // The creator is answered with the ticket as the macro left it.
    assertThat(t.status()).isEqualTo(Status.IN_PROGRESS);
    var details = ticketing.service().ticket(ADMIN, t.id());
    assertThat(details.ticket().tags()).containsExactly("refund-queue");
    assertThat(details.comments())
        .extracting(CommentView::content)
        .containsExactly("We received your refund request for Refund please.");
    assertThat(ticketing.service().history(ADMIN, t.id()))
        .anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.MACRO_APPLIED));
    // The customer sees the macro's public reply.
    assertThat(ticketing.service().ticket(JOHN, t.id()).comments()).hasSize(1);

    // A rule may name the macro by id too; an unknown macro is refused when the rule is defined.
    RuleDefinition byId =
        RuleDefinition.trigger(
            "by id",
            40,
            Set.of(RuleEvent.UPDATED),
            List.of(),
            List.of(new RuleAction.ApplyMacro(macro.id())));
    assertThat(ticketing.automations().create(ADMIN, byId).id()).isNotBlank();
    RuleDefinition unknown =
        RuleDefinition.trigger(
            "unknown",
            41,
            Set.of(RuleEvent.CREATED),
            List.of(),
            List.of(new RuleAction.ApplyMacro("Nope")));
    assertThatThrownBy(() -> ticketing.automations().create(ADMIN, unknown))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("actions[0].macro"));
  }

  @Test
  void newPartsSurviveTheStoredText() {
    ticketing
        .fields()
        .define(
            ADMIN,
            FieldSpec.of("plan", "Plan", FieldType.CHOICE)
                .withChoices("free", "premium", "enterprise"));
    ticketing.fields().define(ADMIN, FieldSpec.of("contract_value", "Value", FieldType.DECIMAL));
    ticketing.fields().define(ADMIN, FieldSpec.of("escalated", "Escalated", FieldType.BOOLEAN));
    ticketing.macros().define(ADMIN, MacroDefinition.named("Refund received").reply("Ok").build());
    for (RuleDefinition d :
        List.of(urgentBillingByLoad(), bigContractsAreUrgent(), refundMacro())) {
      Rule stored = ticketing.automations().create(ADMIN, d);
      assertThat(ticketing.automations().rule(ADMIN, stored.id()).definition()).isEqualTo(d);
    }
  }
}
