package dev.ticketing.assignment;

import static dev.ticketing.support.Refusals.invalid;
import static dev.ticketing.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryAssignmentStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Automatic assignment through a {@link Ticketing} in memory: strategies, limits, loads, rights. */
class AssignmentServiceTest {

  private final InMemoryAssignmentStore agents = new InMemoryAssignmentStore();
  private final RecordingNotifier notifier = RecordingNotifier.working();
  private final Ticketing ticketing =
      Ticketing.builder()
          .directory(Desk.DIRECTORY)
          .assignmentStore(agents)
          .notifier(notifier)
          .clock(MutableClock.ticking("2026-05-04T10:00:00Z"))
          .backgroundDispatch(false)
          .backgroundSweep(false)
          .build();
  private final AssignmentService assignment = ticketing.assignment();

  @AfterEach
  void close() {
    ticketing.close();
  }

  private String ticket() {
    return ticket(Category.GENERAL, List.of());
  }

  private String ticket(Category category, List<String> tags) {
    return ticketing
        .service()
        .createTicket(
            Desk.ADMIN,
            new CreateTicket(
                "Printer", "On fire", null, category, "acme", null, "john", tags, null))
        .id();
  }

  private AssignmentOutcome auto(String ticketId, String strategy) {
    return assignment.autoAssign(Desk.ADMIN, AutoAssign.of(ticketId, strategy));
  }

  private int load(String agentId) {
    return assignment.agent(Desk.ADMIN, agentId).orElseThrow().load();
  }

  @Test
  void roundRobinTakesTurnsAndTheTicketIsAssignedAuditedAndNotified() {
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("sarah", 10));
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 10));

    List<String> chosen =
        java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> auto(ticket(), AssignmentStrategy.ROUND_ROBIN).agentId())
            .toList();

    assertThat(chosen).containsExactly("mike", "sarah", "mike", "sarah");
    String id = ticket();
    AssignmentOutcome outcome = auto(id, AssignmentStrategy.ROUND_ROBIN);
    assertThat(outcome.result()).isEqualTo(AssignmentOutcome.Result.ASSIGNED);
    assertThat(outcome.ticket().status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(ticketing.service().history(Desk.ADMIN, id))
        .extracting(e -> e.action())
        .contains(AuditAction.TICKET_ASSIGNED);
    ticketing.dispatcher().drain();
    assertThat(notifier.take())
        .filteredOn(n -> n.ticketId().equals(id) && n.recipientId().equals("mike"))
        .extracting(Notification::template)
        .isNotEmpty();
    assertThat(load("mike")).isEqualTo(3);
    assertThat(load("sarah")).isEqualTo(2);
  }

  @Test
  void leastLoadedCountsManualAssignmentsToo() {
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("sarah", 10));
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 10));
    for (int i = 0; i < 2; i++) {
      ticketing.service().assignTicket(Desk.ADMIN, new AssignTicket(ticket(), "mike", null));
    }

    assertThat(auto(ticket(), AssignmentStrategy.LEAST_LOADED).agentId()).isEqualTo("sarah");
    assertThat(auto(ticket(), AssignmentStrategy.LEAST_LOADED).agentId()).isEqualTo("sarah");
    assertThat(load("mike")).isEqualTo(2);
    assertThat(load("sarah")).isEqualTo(2);
  }

  @Test
  void agentsAwayOrAtCapacityAreSkippedAndNoAgentIsACodedOutcome() {
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 1));
    assignment.saveAgent(Desk.ADMIN, new AgentSettings("sarah", List.of(), 5, Availability.AWAY));

    assertThat(auto(ticket(), AssignmentStrategy.LEAST_LOADED).agentId()).isEqualTo("mike");
    String waiting = ticket();
    AssignmentOutcome none = auto(waiting, AssignmentStrategy.LEAST_LOADED);
    assertThat(none.result()).isEqualTo(AssignmentOutcome.Result.NO_AGENT_AVAILABLE);
    assertThat(none.agentId()).isNull();
    assertThat(none.ticket().assignedTo()).isNull();
    assertThat(none.ticket().status()).isEqualTo(Status.OPEN);

    // Sarah comes back on her own.
    assignment.setAvailability(Desk.SARAH, "sarah", Availability.AVAILABLE);
    assertThat(auto(waiting, AssignmentStrategy.ROUND_ROBIN).agentId()).isEqualTo("sarah");
    assertThat(auto(waiting, AssignmentStrategy.ROUND_ROBIN).result())
        .isEqualTo(AssignmentOutcome.Result.ALREADY_ASSIGNED);
    assertThat(load("mike")).isEqualTo(1);
  }

  @Test
  void skillsNeedTheCategoryAndTheCallersSkillsAndPreferMoreTags() {
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 10, "category:billing", "lang:en"));
    assignment.saveAgent(
        Desk.ADMIN, AgentSettings.of("sarah", 10, "Category:Billing", "lang:de", "tag:vip"));

    String german = ticket(Category.BILLING, List.of());
    AssignmentOutcome de =
        assignment.autoAssign(
            Desk.ADMIN, new AutoAssign(german, AssignmentStrategy.SKILLS, List.of("LANG:de")));
    assertThat(de.agentId()).isEqualTo("sarah");
    assertThat(auto(ticket(Category.BILLING, List.of("vip")), AssignmentStrategy.SKILLS).agentId())
        .isEqualTo("sarah");
    assertThat(auto(ticket(Category.BILLING, List.of()), AssignmentStrategy.SKILLS).agentId())
        .as("equal tags: the lower load relative to capacity")
        .isEqualTo("mike");
    assertThat(auto(ticket(Category.TECHNICAL, List.of()), AssignmentStrategy.SKILLS).result())
        .isEqualTo(AssignmentOutcome.Result.NO_AGENT_AVAILABLE);
  }

  @Test
  void loadIsReleasedByResolveCloseDeleteReassignAndPurgeAndTakenBackByReopenAndRestore() {
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("sarah", 10));
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 10));
    String a = ticket();
    String b = ticket();
    ticketing.service().assignTicket(Desk.ADMIN, new AssignTicket(a, "sarah", null));
    ticketing.service().assignTicket(Desk.ADMIN, new AssignTicket(b, "sarah", null));
    assertThat(load("sarah")).isEqualTo(2);

    status(a, Status.RESOLVED);
    assertThat(load("sarah")).isEqualTo(1);
    status(a, Status.REOPENED);
    assertThat(load("sarah")).isEqualTo(2);
    status(a, Status.RESOLVED);
    status(a, Status.CLOSED);
    assertThat(load("sarah")).isEqualTo(1);

    ticketing.service().assignTicket(Desk.ADMIN, new AssignTicket(b, "mike", null));
    assertThat(load("sarah")).isZero();
    assertThat(load("mike")).isEqualTo(1);

    ticketing.service().deleteTicket(Desk.ADMIN, b, null);
    assertThat(load("mike")).isZero();
    ticketing.service().restoreTicket(Desk.ROOT, b, null);
    assertThat(load("mike")).isEqualTo(1);
    ticketing.service().purgeTicket(Desk.ROOT, b, null);
    assertThat(load("mike")).isZero();

    assertThat(assignment.reconcile(Desk.ADMIN)).isEmpty();
  }

  @Test
  void reconcileCorrectsALoadThatDriftedAndANewAgentStartsFromTheirTickets() {
    String a = ticket();
    ticketing.service().assignTicket(Desk.ADMIN, new AssignTicket(a, "mike", null));
    assertThat(assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 3)).load())
        .as("counted from the tickets when the profile is made")
        .isEqualTo(1);
    agents.inTransaction(
        () -> {
          agents.setLoad("mike", 7);
          return null;
        });

    assertThat(assignment.reconcile(Desk.ADMIN)).containsExactly(new LoadDrift("mike", 7, 1));
    assertThat(load("mike")).isEqualTo(1);
    assertThat(assignment.reconcile(Desk.ADMIN)).isEmpty();
  }

  @Test
  void onlyAdminsManageAgentsAndAssignByStrategyAgentsSetTheirOwnAvailability() {
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("sarah", 10));
    assignment.saveAgent(Desk.ADMIN, AgentSettings.of("mike", 10));
    String id = ticket();

    refused(
        ErrorCode.ACCESS_DENIED,
        () -> assignment.saveAgent(Desk.SARAH, AgentSettings.of("sarah", 99)));
    refused(ErrorCode.ACCESS_DENIED, () -> assignment.agents(Desk.MIKE));
    refused(ErrorCode.ACCESS_DENIED, () -> assignment.reconcile(Desk.SARAH));
    refused(
        ErrorCode.ACCESS_DENIED,
        () -> assignment.setAvailability(Desk.SARAH, "mike", Availability.AWAY));
    refused(
        ErrorCode.ACCESS_DENIED,
        () -> assignment.setAvailability(Desk.JOHN, "john", Availability.AWAY));
    refused(ErrorCode.NOT_FOUND, () -> auto2(Desk.SARAH, id));
    refused(ErrorCode.ACCESS_DENIED, () -> auto2(Desk.JOHN, id));
    refused(ErrorCode.NOT_FOUND, () -> auto2(Desk.JANE, id));

    assertThat(
            assignment
                .setAvailability(Desk.MIKE, "mike", Availability.AWAY)
                .profile()
                .availability())
        .isEqualTo(Availability.AWAY);
    assertThat(assignment.agent(Desk.MIKE, "mike")).isPresent();
    assertThat(ticketing.service().ticket(Desk.ADMIN, id).ticket().assignedTo()).isNull();
  }

  private AssignmentOutcome auto2(dev.ticketing.policy.Actor actor, String id) {
    return assignment.autoAssign(actor, AutoAssign.of(id, AssignmentStrategy.ROUND_ROBIN));
  }

  @Test
  void badInputNamesItsFieldsAndWritesNothing() {
    String id = ticket();
    invalid(() -> assignment.autoAssign(Desk.ADMIN, AutoAssign.of(id, "lottery")), "strategy");
    invalid(
        () ->
            assignment.autoAssign(
                Desk.ADMIN, new AutoAssign(id, AssignmentStrategy.SKILLS, List.of("ok", "no way"))),
        "skills[1]");
    invalid(
        () -> assignment.saveAgent(Desk.ADMIN, new AgentSettings("sarah", null, 0, null)),
        "capacity");
    invalid(() -> assignment.saveAgent(Desk.ADMIN, AgentSettings.of("john", 5)), "agentId");
    assertThat(assignment.agents(Desk.ADMIN)).isEmpty();
    assertThat(assignment.strategies())
        .containsExactlyInAnyOrder(
            AssignmentStrategy.ROUND_ROBIN,
            AssignmentStrategy.LEAST_LOADED,
            AssignmentStrategy.SKILLS);
  }

  @Test
  void twoEnginesOnTheSameStoresRacingNeverOverAssign() throws Exception {
    dev.ticketing.memory.InMemoryTicketStore tickets =
        new dev.ticketing.memory.InMemoryTicketStore();
    InMemoryAssignmentStore shared = new InMemoryAssignmentStore();
    try (Ticketing a = engine(tickets, shared);
        Ticketing b = engine(tickets, shared)) {
      a.assignment().saveAgent(Desk.ADMIN, AgentSettings.of("sarah", 7));
      a.assignment().saveAgent(Desk.ADMIN, AgentSettings.of("mike", 5));
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(a.service().createTicket(Desk.ADMIN, CreateTicket.of("T" + i, "D", "acme")).id());
      }

      List<dev.ticketing.testsupport.Race.Outcome<AssignmentOutcome>> outcomes =
          dev.ticketing.testsupport.Race.run(
              40,
              i ->
                  () ->
                      (i % 2 == 0 ? a : b)
                          .assignment()
                          .autoAssign(
                              Desk.ADMIN,
                              AutoAssign.of(ids.get(i / 2), AssignmentStrategy.LEAST_LOADED)));

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).as(o.stackTrace()).isNull());
      assertThat(outcomes.stream().filter(o -> o.value().assigned()).count()).isEqualTo(12);
      assertThat(a.assignment().agents(Desk.ADMIN))
          .extracting(AgentState::load)
          .containsExactly(5, 7);
      assertThat(b.assignment().reconcile(Desk.ADMIN)).isEmpty();
    }
  }

  private static Ticketing engine(
      dev.ticketing.memory.InMemoryTicketStore tickets, InMemoryAssignmentStore agents) {
    return Ticketing.builder()
        .store(tickets)
        .assignmentStore(agents)
        .directory(Desk.DIRECTORY)
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  private void status(String id, Status s) {
    ticketing.service().changeStatus(Desk.ADMIN, new ChangeStatus(id, s, null));
  }
}
