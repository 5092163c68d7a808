package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.automation.AutomationScheduler;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.Rule;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.Since;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.SamplePeople;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two application instances on one database, each with its own time-rule scheduler, while a clock
 * moves past many due times: a time rule fires exactly once per (rule, ticket, cycle), however the
 * two interleave, and once more for each ticket that starts a new cycle.
 */
class AutomationSchedulerIT {

  private static final int TICKETS = 30;
  private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");
  private static final Actor ADMIN = SamplePeople.ADMIN;

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB"})
  void twoSchedulersFireEachTimeRuleOncePerCycle(TestDatabase db) throws Exception {
    db.truncate();
    MutableClock clock = MutableClock.frozen(START);
    try (Ticketing a = instance(db.start().factory(), clock);
        Ticketing b =
            instance(TicketingPersistence.entityManagerFactory(db.start().dataSource()), clock)) {
      Rule rule =
          a.automations()
              .create(
                  ADMIN,
                  RuleDefinition.timeRule(
                      "nudge after an hour in the same status",
                      1,
                      List.of(
                          new Condition.StatusIs(Set.of(Status.OPEN, Status.IN_PROGRESS)),
                          Condition.Elapsed.hours(Since.STATUS_CHANGE, 1)),
                      List.of(new RuleAction.AddNote("still {{ticket.status}} after an hour"))));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < TICKETS; i++) {
        ids.add(
            (i % 2 == 0 ? a : b)
                .service()
                .createTicket(
                    SamplePeople.JOHN,
                    new CreateTicket("Ticket " + i, "Help", Priority.HIGH, null, null))
                .id());
        clock.advance(Duration.ofMinutes(1));
      }

      race(a.automationScheduler(), b.automationScheduler(), clock, 16);
      assertThat(notes(a, ids, rule)).as("one note per ticket").containsOnly(1);

      // A new status period is a new cycle: the rule fires once more there, and nowhere else.
      for (int i = 0; i < TICKETS; i += 2) {
        b.service().changeStatus(ADMIN, new ChangeStatus(ids.get(i), Status.IN_PROGRESS));
      }
      race(a.automationScheduler(), b.automationScheduler(), clock, 16);
      List<Integer> perTicket = notes(a, ids, rule);
      for (int i = 0; i < TICKETS; i++) {
        assertThat(perTicket.get(i)).as("notes on ticket " + i).isEqualTo(i % 2 == 0 ? 2 : 1);
      }
      assertThat(firings(db)).isEqualTo(TICKETS + TICKETS / 2);
    }
  }

  private static void race(
      AutomationScheduler a, AutomationScheduler b, MutableClock clock, int steps)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int step = 0; step < steps; step++) {
        clock.advance(Duration.ofMinutes(10));
        Future<?> ra = pool.submit(rounds(a));
        Future<?> rb = pool.submit(rounds(b));
        ra.get(120, TimeUnit.SECONDS);
        rb.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Void> rounds(AutomationScheduler scheduler) {
    return () -> {
      for (int i = 0; i < 20 && scheduler.fireDue() > 0; i++) {
        // until a round fires nothing
      }
      return null;
    };
  }

  private static List<Integer> notes(Ticketing t, List<String> ids, Rule rule) {
    List<Integer> out = new ArrayList<>();
    for (String id : ids) {
      List<CommentView> comments = t.service().ticket(ADMIN, id).comments();
      out.add(
          (int)
              comments.stream()
                  .filter(c -> c.internal() && c.user().id().equals(rule.actorId()))
                  .count());
    }
    return out;
  }

  private static int firings(TestDatabase db) throws SQLException {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from ticketing_automation_firing")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** One application instance: its own entity manager factory, stores and scheduler. */
  private static Ticketing instance(EntityManagerFactory factory, MutableClock clock) {
    JpaTransactions tx = new ResourceLocalTransactions(factory);
    return Ticketing.builder()
        .store(new JpaTicketStore(tx))
        .automationStore(new JpaAutomationStore(tx))
        .automations(AutomationSettings.defaults().withSchedule(Duration.ofMinutes(1), 4))
        .blobStore(new InMemoryBlobStore(clock))
        .directory(SamplePeople.directory())
        .clock(clock)
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }
}
