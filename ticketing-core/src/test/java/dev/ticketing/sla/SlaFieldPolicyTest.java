package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.CreateTicket;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.Priority;
import dev.ticketing.SetFieldValues;
import dev.ticketing.SlaTargetView;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.support.Desk;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policies with conditions on custom field values: a ticket whose values meet them gets the policy,
 * is chosen again when a value is set or cleared, and a replay of its audit log gives the same
 * clocks. A staff-only field drives a policy like any other.
 */
class SlaFieldPolicyTest {

  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  private final SlaRecomputeProperties.SettableClock clock =
      new SlaRecomputeProperties.SettableClock(T0);
  private final SlaConfiguration config =
      SlaConfiguration.of(
          List.of(
              SlaPolicy.everyTicket(
                      "enterprise",
                      SlaPolicy.allPriorities(
                          new SlaTargets(Duration.ofMinutes(10), null, Duration.ofHours(2))))
                  .forFields(List.of(SlaFieldCondition.equalTo("plan", "enterprise"))),
              SlaPolicy.everyTicket(
                      "large",
                      SlaPolicy.allPriorities(
                          new SlaTargets(Duration.ofMinutes(20), null, Duration.ofHours(4))))
                  .forFields(
                      List.of(SlaFieldCondition.between("seats", BigDecimal.valueOf(100), null))),
              SlaPolicy.everyTicket(
                      "eu",
                      SlaPolicy.allPriorities(
                          new SlaTargets(Duration.ofMinutes(30), null, Duration.ofHours(6))))
                  .forFields(List.of(SlaFieldCondition.oneOf("regions", Set.of("eu", "uk")))),
              SlaPolicy.everyTicket(
                  "standard",
                  SlaPolicy.allPriorities(
                      new SlaTargets(Duration.ofHours(1), null, Duration.ofHours(8))))));
  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(Desk.DIRECTORY)
          .clock(clock)
          .sla(config)
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();

  @BeforeEach
  void defineFields() {
    ticketing
        .fields()
        .define(
            Desk.ADMIN,
            FieldSpec.of("plan", "Plan", FieldType.CHOICE)
                .withChoices("free", "enterprise")
                .withVisibility(FieldVisibility.CUSTOMERS));
    // Staff-only: customers never see it, yet it picks their tickets' policy.
    ticketing.fields().define(Desk.ADMIN, FieldSpec.of("seats", "Seats", FieldType.NUMBER));
    ticketing
        .fields()
        .define(
            Desk.ADMIN,
            FieldSpec.of("regions", "Regions", FieldType.MULTI_CHOICE)
                .withChoices("us", "eu", "uk"));
  }

  @AfterEach
  void close() {
    ticketing.close();
  }

  @Test
  void aTicketCreatedWithAMatchingValueGetsThePolicy() {
    String enterprise = create(Map.of("plan", "enterprise"));
    String free = create(Map.of("plan", "free"));
    String none = create(Map.of());

    assertThat(ticketing.sla().targets(Desk.ADMIN, enterprise))
        .extracting(SlaTargetView::policyId, SlaTargetView::dueAt)
        .containsExactly(
            Tuple.tuple("enterprise", T0.plus(Duration.ofMinutes(10))),
            Tuple.tuple("enterprise", T0.plus(Duration.ofHours(2))));
    assertThat(ticketing.sla().targets(Desk.ADMIN, free))
        .extracting(SlaTargetView::policyId)
        .containsOnly("standard");
    assertThat(ticketing.sla().targets(Desk.ADMIN, none))
        .extracting(SlaTargetView::policyId)
        .containsOnly("standard");
  }

  @Test
  void settingAndClearingAStaffOnlyValueChoosesThePolicyAgainAndARecomputeAgrees() {
    String id = create(Map.of());
    clock.advance(Duration.ofMinutes(4));
    ticketing.fields().setValues(Desk.ADMIN, SetFieldValues.set(id, "seats", 250));

    assertThat(ticketing.sla().targets(Desk.ADMIN, id))
        .extracting(SlaTargetView::policyId, SlaTargetView::dueAt)
        .containsExactly(
            Tuple.tuple("large", T0.plus(Duration.ofMinutes(20))),
            Tuple.tuple("large", T0.plus(Duration.ofHours(4))));

    clock.advance(Duration.ofMinutes(2));
    ticketing.fields().setValues(Desk.ADMIN, SetFieldValues.set(id, "seats", 99));
    List<SlaTargetView> now = ticketing.sla().targets(Desk.ADMIN, id);
    assertThat(now).extracting(SlaTargetView::policyId).containsOnly("standard");
    assertThat(now.get(0).remaining()).isEqualTo(Duration.ofMinutes(54));

    clock.advance(Duration.ofMinutes(1));
    ticketing.fields().setValues(Desk.ADMIN, SetFieldValues.set(id, "seats", 100));
    ticketing.fields().setValues(Desk.ADMIN, SetFieldValues.clear(id, "seats"));

    SlaState replayed =
        new SlaTimeline(config).replay(SlaEvents.of(ticketing.service().history(Desk.ADMIN, id)));
    assertThat(replayed.facts().fields()).isEmpty();
    assertThat(replayed.clocks())
        .extracting(SlaClock::policyId, SlaClock::dueAt)
        .containsExactly(
            Tuple.tuple("standard", T0.plus(Duration.ofHours(1))),
            Tuple.tuple("standard", T0.plus(Duration.ofHours(8))));
    assertThat(ticketing.sla().targets(Desk.ADMIN, id))
        .extracting(SlaTargetView::policyId, SlaTargetView::dueAt)
        .containsExactly(
            Tuple.tuple("standard", T0.plus(Duration.ofHours(1))),
            Tuple.tuple("standard", T0.plus(Duration.ofHours(8))));
  }

  @Test
  void aMultipleChoiceValueMeetsOneOfWhenItHoldsOneOfTheValues() {
    String id = create(Map.of());
    ticketing
        .fields()
        .setValues(Desk.ADMIN, SetFieldValues.set(id, "regions", List.of("us", "uk")));

    assertThat(ticketing.sla().targets(Desk.ADMIN, id))
        .extracting(SlaTargetView::policyId)
        .containsOnly("eu");
    SlaState replayed =
        new SlaTimeline(config).replay(SlaEvents.of(ticketing.service().history(Desk.ADMIN, id)));
    assertThat(replayed.facts().fields()).containsEntry("regions", "uk, us");
    assertThat(replayed.clocks()).extracting(SlaClock::policyId).containsOnly("eu");
  }

  @Test
  void valuesAreComparedAsTheAuditLogWritesThem() {
    SlaFieldCondition seats =
        SlaFieldCondition.between("seats", BigDecimal.TEN, new BigDecimal("20.5"));
    assertThat(seats.matches("10")).isTrue();
    assertThat(seats.matches("20.5")).isTrue();
    assertThat(seats.matches("20.51")).isFalse();
    assertThat(seats.matches("ten")).isFalse();
    assertThat(seats.matches(null)).isFalse();
    SlaFieldCondition plan = SlaFieldCondition.oneOf("plan", Set.of("gold", "pro"));
    assertThat(plan.matches("gold")).isTrue();
    assertThat(plan.matches("free, pro")).isTrue();
    assertThat(plan.matches("golden")).isFalse();
  }

  @Test
  void aConditionNamesAKeyAndValuesOrBounds() {
    assertThatThrownBy(() -> SlaFieldCondition.equalTo("Plan", "x"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("policy.fields");
    assertThatThrownBy(() -> SlaFieldCondition.oneOf("plan", Set.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("policy.fields.plan");
    assertThatThrownBy(() -> new SlaFieldCondition("seats", Set.of("1"), BigDecimal.ONE, null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("policy.fields.seats");
    assertThatThrownBy(() -> SlaFieldCondition.between("seats", BigDecimal.TEN, BigDecimal.ONE))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("policy.fields.seats");
    SlaPolicy p =
        SlaPolicy.everyTicket(
            "p", SlaPolicy.allPriorities(new SlaTargets(null, null, Duration.ofHours(1))));
    assertThatThrownBy(
            () ->
                p.forFields(
                    List.of(
                        SlaFieldCondition.equalTo("plan", "a"),
                        SlaFieldCondition.equalTo("plan", "b"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("one condition per field");
  }

  private String create(Map<String, Object> fields) {
    return ticketing
        .service()
        .createTicket(
            Desk.ADMIN,
            new CreateTicket("Printer", "It is on fire", Priority.HIGH, null, "acme", null)
                .withFields(fields))
        .id();
  }
}
