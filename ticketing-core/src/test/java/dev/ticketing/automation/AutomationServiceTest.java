package dev.ticketing.automation;

import static dev.ticketing.testsupport.SamplePeople.ADMIN;
import static dev.ticketing.testsupport.SamplePeople.JOHN;
import static dev.ticketing.testsupport.SamplePeople.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AuditEntry;
import dev.ticketing.ChangeTags;
import dev.ticketing.ConflictException;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketView;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutomationServiceTest {

  private final AutomationFixture f = new AutomationFixture();
  private final AutomationService rules = f.ticketing.automations();

  @AfterEach
  void close() {
    f.close();
  }

  private static RuleDefinition tagOnCreate(String name, String tag) {
    return RuleDefinition.trigger(
        name,
        1,
        Set.of(RuleEvent.CREATED),
        List.of(),
        List.of(new RuleAction.AddTags(List.of(tag))));
  }

  @Test
  void onlyThoseThePolicyLetsManageRulesDoSo() {
    for (var actor : List.of(JOHN, SARAH)) {
      assertThatThrownBy(() -> rules.create(actor, tagOnCreate("x", "y")))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> rules.rules(actor)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> rules.dryRun(actor, tagOnCreate("x", "y")))
          .isInstanceOf(AccessDeniedException.class);
    }
    assertThat(rules.rules(ADMIN)).isEmpty();
  }

  @Test
  void badDefinitionsAreRefusedNamingThePartAndNothingIsStored() {
    RuleDefinition bad =
        RuleDefinition.trigger(
            " ",
            1,
            Set.of(),
            List.of(new Condition.HasTag("no spaces allowed")),
            List.of(
                new RuleAction.CallWebhook(URI.create("ftp://x"), "unknown"),
                new RuleAction.Notify(RuleAction.Notify.Audience.USER, null, "hi")));
    assertThatThrownBy(() -> rules.create(ADMIN, bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .contains(
                        "name",
                        "events",
                        "conditions[0].tag",
                        "actions[0].url",
                        "actions[0].secretName",
                        "actions[1].userId"));
    RuleDefinition timeWithoutDuration =
        RuleDefinition.timeRule(
            "t", 1, List.of(), List.of(new RuleAction.SetStatus(Status.CLOSED)));
    assertThatThrownBy(() -> rules.create(ADMIN, timeWithoutDuration))
        .isInstanceOf(ValidationException.class);
    assertThat(rules.rules(ADMIN)).isEmpty();
  }

  @Test
  void editsMakeVersionsAndTheAuditNamesTheVersionThatActed() {
    Rule v1 = rules.create(ADMIN, tagOnCreate("tagger", "first"));
    TicketView a = f.ticket("a");
    Rule v2 = rules.update(ADMIN, v1.id(), 1, tagOnCreate("tagger", "second"));
    TicketView b = f.ticket("b");

    assertThat(v2.version()).isEqualTo(2);
    assertThat(rules.versions(ADMIN, v1.id()))
        .extracting(Rule::version, r -> r.definition().actions())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, List.of(new RuleAction.AddTags(List.of("first")))),
            org.assertj.core.groups.Tuple.tuple(
                2, List.of(new RuleAction.AddTags(List.of("second")))));
    assertThat(actors(a)).contains("rule:" + v1.id() + "@1");
    assertThat(actors(b)).contains("rule:" + v1.id() + "@2");
    assertThatThrownBy(() -> rules.update(ADMIN, v1.id(), 1, tagOnCreate("tagger", "third")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aRulesOwnChangesDoNotFireItAgain() {
    rules.create(
        ADMIN,
        RuleDefinition.trigger(
            "count tag changes",
            1,
            Set.of(RuleEvent.TAGS_CHANGED, RuleEvent.CREATED),
            List.of(),
            List.of(new RuleAction.AddNote("tags changed on {{ticket.id}}"))));
    rules.create(
        ADMIN,
        RuleDefinition.trigger(
            "retag",
            2,
            Set.of(RuleEvent.TAGS_CHANGED),
            List.of(new Condition.LacksTag("seen")),
            List.of(new RuleAction.AddTags(List.of("seen")))));
    TicketView t = f.ticket("loop");
    f.ticketing.service().changeTags(ADMIN, new ChangeTags(t.id(), List.of("vip"), null, null));

    // created -> note; vip -> note + seen; seen (by retag) -> note, not retag again
    assertThat(f.ticketing.service().ticket(ADMIN, t.id()).comments()).hasSize(3);
    assertThat(rules.rules(ADMIN)).allMatch(Rule::enabled);
  }

  @Test
  void aPingPongIsCutAtTheBoundAndTheRuleThatWouldGoOnIsDisabledWithAReason() {
    Rule up = rules.create(ADMIN, flip("up", Priority.LOW, Priority.HIGH, 1));
    Rule down = rules.create(ADMIN, flip("down", Priority.HIGH, Priority.LOW, 2));
    TicketView t = f.ticket("ping");

    f.ticketing
        .service()
        .updateTicket(ADMIN, new UpdateTicket(t.id(), null, null, Priority.LOW, null));

    List<AuditEntry> byRules =
        f.ticketing.service().history(ADMIN, t.id()).stream()
            .filter(e -> e.actorId().startsWith("rule:"))
            .toList();
    assertThat(byRules).hasSize(AutomationSettings.DEFAULT_MAX_CHAIN_DEPTH);
    List<Rule> now = rules.rules(ADMIN);
    assertThat(now).filteredOn(r -> !r.enabled()).hasSize(1);
    Rule disabled = now.stream().filter(r -> !r.enabled()).findFirst().orElseThrow();
    assertThat(disabled.disabledReason()).contains("chain").contains(t.id());
    assertThat(disabled.id()).isIn(up.id(), down.id());
    // An admin re-enables it; the reason is cleared.
    assertThat(rules.enable(ADMIN, disabled.id()).disabledReason()).isNull();
  }

  static RuleDefinition flip(String name, Priority from, Priority to, int position) {
    return RuleDefinition.trigger(
        name,
        position,
        Set.of(RuleEvent.UPDATED),
        List.of(new Condition.Changed("priority", null, from.name())),
        List.of(new RuleAction.SetPriority(to)));
  }

  @Test
  void whatThePolicyRefusesARuleIsSkippedAndTheRestRuns() {
    // An invalid move (OPEN -> CLOSED) is skipped; the tag still lands.
    rules.create(
        ADMIN,
        RuleDefinition.trigger(
            "close at once",
            1,
            Set.of(RuleEvent.CREATED),
            List.of(),
            List.of(
                new RuleAction.SetStatus(Status.CLOSED),
                new RuleAction.AddTags(List.of("tried")))));
    TicketView t = f.ticket("x");
    var now = f.ticketing.service().ticket(ADMIN, t.id()).ticket();
    assertThat(now.status()).isEqualTo(Status.OPEN);
    assertThat(now.tags()).containsExactly("tried");
  }

  @Test
  void aDryRunSaysWhatWouldHappenAndWritesNothing() {
    TicketView t = f.ticket("old one");
    long before = f.ticketing.service().ticket(ADMIN, t.id()).ticket().version();
    RuleDefinition d =
        RuleDefinition.trigger(
            "urgentise",
            1,
            Set.of(RuleEvent.UPDATED),
            List.of(new Condition.StatusIs(Set.of(Status.OPEN))),
            List.of(
                new RuleAction.SetPriority(Priority.URGENT),
                new RuleAction.SetStatus(Status.CLOSED)));

    DryRun run = rules.dryRun(ADMIN, d);

    assertThat(run.examined()).isEqualTo(1);
    assertThat(run.matched()).containsExactly(t.id());
    assertThat(run.actions())
        .extracting(PlannedAction::outcome)
        .containsExactly(PlannedAction.WOULD_RUN, "skipped: OPEN -> CLOSED is not a transition");
    assertThat(f.ticketing.service().ticket(ADMIN, t.id()).ticket().version()).isEqualTo(before);
    assertThat(rules.rules(ADMIN)).isEmpty();
  }

  @Test
  void aRuleThatFailsToWriteFailsTheChangeAndNothingOfEitherStays() {
    dev.ticketing.memory.InMemoryTicketStore store = new dev.ticketing.memory.InMemoryTicketStore();
    try (dev.ticketing.Ticketing t =
        dev.ticketing.Ticketing.builder()
            .store(store)
            .directory(dev.ticketing.testsupport.SamplePeople.directory())
            .automations(AutomationSettings.defaults())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      t.automations()
          .create(
              ADMIN,
              RuleDefinition.trigger(
                  "note on create",
                  1,
                  Set.of(RuleEvent.CREATED),
                  List.of(),
                  List.of(
                      new RuleAction.AddTags(List.of("noted")),
                      new RuleAction.AddNote("created"))));
      store.failNextWrite("insertComment");
      assertThatThrownBy(
              () ->
                  t.service()
                      .createTicket(
                          JOHN, new dev.ticketing.CreateTicket("a", "d", null, null, null)))
          .isInstanceOf(dev.ticketing.StoreUnavailableException.class);
      assertThat(t.service().tickets(ADMIN, dev.ticketing.TicketFilter.none())).isEmpty();
      // The next change runs the rule afresh: nothing noted by the failed unit is left over.
      TicketView ok =
          t.service()
              .createTicket(JOHN, new dev.ticketing.CreateTicket("b", "d", null, null, null));
      assertThat(t.service().ticket(ADMIN, ok.id()).comments()).hasSize(1);
      assertThat(t.service().ticket(ADMIN, ok.id()).ticket().tags()).containsExactly("noted");
    }
  }

  private List<String> actors(TicketView t) {
    return f.ticketing.service().history(ADMIN, t.id()).stream().map(AuditEntry::actorId).toList();
  }
}
