package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.SlaTargetView;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.support.Desk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Policies with a condition on tags: a ticket carrying one of the tags gets the policy, is chosen
 * again when its tags change, and a replay of its audit log gives the same clocks.
 */
class SlaTagPolicyTest {

  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  private final SlaRecomputeProperties.SettableClock clock =
      new SlaRecomputeProperties.SettableClock(T0);
  private final SlaConfiguration config =
      SlaConfiguration.of(
          List.of(
              SlaPolicy.everyTicket(
                      "vip",
                      SlaPolicy.allPriorities(
                          new SlaTargets(Duration.ofMinutes(10), null, Duration.ofHours(2))))
                  .forTags(Set.of(" VIP ", "enterprise")),
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

  @AfterEach
  void close() {
    ticketing.close();
  }

  @Test
  void aTicketCreatedWithOneOfTheTagsGetsThePolicy() {
    String vip = create(List.of("vip"));
    String plain = create(List.of("printer"));

    assertThat(ticketing.sla().targets(Desk.ADMIN, vip))
        .extracting(SlaTargetView::policyId, SlaTargetView::dueAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vip", T0.plus(Duration.ofMinutes(10))),
            org.assertj.core.groups.Tuple.tuple("vip", T0.plus(Duration.ofHours(2))));
    assertThat(ticketing.sla().targets(Desk.ADMIN, plain))
        .extracting(SlaTargetView::policyId)
        .containsOnly("standard");
  }

  @Test
  void taggingChoosesThePolicyAgainKeepingTheCountedTimeAndARecomputeAgrees() {
    String id = create(List.of());
    clock.advance(Duration.ofMinutes(4));
    ticketing.service().changeTags(Desk.ADMIN, ChangeTags.add(id, "Enterprise"));
    clock.advance(Duration.ofMinutes(2));
    ticketing.service().changeTags(Desk.ADMIN, ChangeTags.remove(id, "enterprise"));

    List<SlaTargetView> now = ticketing.sla().targets(Desk.ADMIN, id);
    assertThat(now).extracting(SlaTargetView::policyId).containsOnly("standard");
    assertThat(now.get(0).remaining()).isEqualTo(Duration.ofMinutes(54));

    // The audit log alone gives the stored clocks, the tag changes included.
    SlaState replayed =
        new SlaTimeline(config).replay(SlaEvents.of(ticketing.service().history(Desk.ADMIN, id)));
    assertThat(replayed.facts().tags()).isEmpty();
    assertThat(replayed.clocks())
        .extracting(SlaClock::policyId, SlaClock::dueAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("standard", T0.plus(Duration.ofHours(1))),
            org.assertj.core.groups.Tuple.tuple("standard", T0.plus(Duration.ofHours(8))));
  }

  @Test
  void whileTaggedTheTighterGoalApplies() {
    String id = create(List.of());
    clock.advance(Duration.ofMinutes(4));
    ticketing.service().changeTags(Desk.ADMIN, ChangeTags.add(id, "vip"));

    assertThat(ticketing.sla().targets(Desk.ADMIN, id))
        .extracting(SlaTargetView::policyId, SlaTargetView::dueAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vip", T0.plus(Duration.ofMinutes(10))),
            org.assertj.core.groups.Tuple.tuple("vip", T0.plus(Duration.ofHours(2))));
  }

  @Test
  void aConditionTagMustBeATag() {
    SlaPolicy p =
        SlaPolicy.everyTicket(
            "p", SlaPolicy.allPriorities(new SlaTargets(null, null, Duration.ofHours(1))));
    assertThatThrownBy(() -> p.forTags(Set.of("two words")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("policy.tags");
    assertThat(p.forTags(Set.of("VIP")).tags()).containsExactly("vip");
  }

  private String create(List<String> tags) {
    return ticketing
        .service()
        .createTicket(
            Desk.ADMIN,
            new CreateTicket("Printer", "It is on fire", Priority.HIGH, null, "acme", null)
                .withTags(tags))
        .id();
  }
}
