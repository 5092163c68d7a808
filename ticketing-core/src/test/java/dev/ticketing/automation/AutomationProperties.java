package dev.ticketing.automation;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.TicketView;
import dev.ticketing.UpdateTicket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What holds for any rule set: evaluation is deterministic, and no chain outgrows the bound. */
class AutomationProperties {

  private static final List<String> TAGS = List.of("t1", "t2", "t3");

  /**
   * The same change under the same rules gives the same result, whatever order the rules were
   * stored in: the same ticket, and the same rule-made changes in the same order.
   */
  @Property(tries = 40)
  void evaluationIsDeterministicForAGivenEventAndRuleSet(
      @ForAll("ruleSets") List<RuleDefinition> rules,
      @ForAll Priority created,
      @ForAll Priority updated) {
    List<RuleDefinition> positioned = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleDefinition r = rules.get(i);
      positioned.add(
          new RuleDefinition("rule-" + i, r.kind(), i, r.events(), r.conditions(), r.actions()));
    }
    List<RuleDefinition> reversed = new ArrayList<>(positioned);
    Collections.reverse(reversed);

    Outcome first = run(positioned, created, updated);
    Outcome second = run(reversed, created, updated);
    Outcome again = run(positioned, created, updated);

    assertThat(second).isEqualTo(first);
    assertThat(again).isEqualTo(first);
  }

  /**
   * A chain of rules, each firing on the tag the one before it added, runs at most the bound's
   * number of steps; the rule that would take the next step is disabled with a reason, and no other
   * rule is.
   */
  @Property(tries = 40)
  void noChainRunsLongerThanTheBound(
      @ForAll @IntRange(min = 1, max = 9) int length,
      @ForAll @IntRange(min = 1, max = 6) int bound,
      @ForAll("seeds") long seed) {
    try (AutomationFixture f =
        new AutomationFixture(AutomationSettings.defaults().withMaxChainDepth(bound))) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        positions.add(i);
      }
      Collections.shuffle(positions, new java.util.Random(seed));
      for (int i = 0; i < length; i++) {
        f.ticketing
            .automations()
            .create(
                ADMIN,
                RuleDefinition.trigger(
                    "step-" + i,
                    positions.get(i),
                    Set.of(RuleEvent.TAGS_CHANGED),
                    List.of(new Condition.HasTag("s" + i), new Condition.LacksTag("s" + (i + 1))),
                    List.of(new RuleAction.AddTags(List.of("s" + (i + 1))))));
      }
      TicketView t = f.ticket("chain");
      f.ticketing.service().changeTags(ADMIN, new ChangeTags(t.id(), List.of("s0"), null, null));

      long steps =
          f.ticketing.service().history(ADMIN, t.id()).stream()
              .filter(e -> e.actorId().startsWith("rule:"))
              .count();
      assertThat(steps).isEqualTo(Math.min(length, bound));
      List<Rule> disabled =
          f.ticketing.automations().rules(ADMIN).stream().filter(r -> !r.enabled()).toList();
      if (length > bound) {
        assertThat(disabled)
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.definition().name()).isEqualTo("step-" + bound);
                  assertThat(r.disabledReason()).contains("bound of " + bound);
                });
      } else {
        assertThat(disabled).isEmpty();
      }
    }
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  record Outcome(Priority priority, List<String> tags, int comments, List<String> ruleChanges) {}

  private static Outcome run(List<RuleDefinition> rules, Priority created, Priority updated) {
    try (AutomationFixture f = new AutomationFixture()) {
      Map<String, String> names = new java.util.HashMap<>();
      for (RuleDefinition r : rules) {
        Rule saved = f.ticketing.automations().create(ADMIN, r);
        names.put(saved.actorId(), saved.definition().name());
      }
      TicketView t =
          f.ticketing
              .service()
              .createTicket(
                  dev.ticketing.testsupport.SamplePeople.JOHN,
                  new CreateTicket("t", "d", created, null, null));
      f.ticketing
          .service()
          .updateTicket(ADMIN, new UpdateTicket(t.id(), null, null, updated, null));
      var details = f.ticketing.service().ticket(ADMIN, t.id());
      List<String> changes = new ArrayList<>();
      for (AuditEntry e : f.ticketing.service().history(ADMIN, t.id())) {
        if (names.containsKey(e.actorId())) {
          changes.add(
              names.get(e.actorId())
                  + " "
                  + e.action()
                  + " "
                  + e.changes().stream()
                      .filter(c -> !c.field().equals("commentId")) // generated ids differ
                      .map(c -> c.field() + ":" + c.oldValue() + ">" + c.newValue())
                      .collect(Collectors.joining(",")));
        }
      }
      return new Outcome(
          details.ticket().priority(), details.ticket().tags(), details.comments().size(), changes);
    }
  }

  @Provide
  Arbitrary<List<RuleDefinition>> ruleSets() {
    return rule().list().ofMinSize(1).ofMaxSize(6);
  }

  private Arbitrary<RuleDefinition> rule() {
    Arbitrary<Set<RuleEvent>> events =
        Arbitraries.of(RuleEvent.CREATED, RuleEvent.UPDATED, RuleEvent.TAGS_CHANGED)
            .set()
            .ofMinSize(1);
    Arbitrary<List<Condition>> conditions = condition().list().ofMaxSize(2);
    Arbitrary<List<RuleAction>> actions = action().list().ofMinSize(1).ofMaxSize(2);
    return Combinators.combine(events, conditions, actions)
        .as((e, c, a) -> RuleDefinition.trigger("r", 0, e, c, a));
  }

  private Arbitrary<Condition> condition() {
    Arbitrary<String> tag = Arbitraries.of(TAGS);
    return Arbitraries.oneOf(
        Arbitraries.of(Priority.class).set().ofMinSize(1).map(Condition.PriorityIs::new),
        tag.map(Condition.HasTag::new),
        tag.map(Condition.LacksTag::new),
        Arbitraries.of(Priority.class)
            .map(p -> (Condition) new Condition.Changed("priority", null, p.name())));
  }

  private Arbitrary<RuleAction> action() {
    Arbitrary<String> tag = Arbitraries.of(TAGS);
    return Arbitraries.oneOf(
        Arbitraries.of(Priority.class).map(RuleAction.SetPriority::new),
        tag.map(x -> new RuleAction.AddTags(List.of(x))),
        tag.map(x -> new RuleAction.RemoveTags(List.of(x))),
        Arbitraries.just(new RuleAction.AddNote("note by {{rule.name}}")));
  }
}
