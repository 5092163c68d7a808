package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.Priority;
import dev.ticketing.TicketService;
import dev.ticketing.TicketingOptions;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.internal.EngineParts;
import dev.ticketing.internal.SlaWiring;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.MatrixPolicy;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaEvents;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTargets;
import dev.ticketing.sla.SlaTimeline;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.testsupport.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two application instances on one database, each with its own SLA scheduler, while a clock moves
 * past many due times: every warning and every breach is raised exactly once — one audit entry and
 * one outbox request per (ticket, target, cycle) — however the two interleave.
 */
class SlaSchedulerIT {

  private static final int TICKETS = 30;
  private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB"})
  void twoSchedulersRaiseEachAlertExactlyOnce(TestDatabase db) throws Exception {
    db.truncate();
    SlaTestDatabases.empty(db);
    MutableClock clock = MutableClock.frozen(START);
    // Every ticket: first response in 15..(15+29) minutes, resolution in 2 hours, warnings 10
    // minutes before; half of them answered in time.
    SlaConfiguration config =
        SlaConfiguration.of(
            List.of(
                SlaPolicy.everyTicket(
                        "desk", SlaPolicy.allPriorities(SlaTargets.minutes(30, 60, 120)))
                    .warningBefore(Duration.ofMinutes(10))));
    Instance a = new Instance(db.start().factory(), clock, config);
    Instance b =
        new Instance(
            TicketingPersistence.entityManagerFactory(db.start().dataSource()), clock, config);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      ids.add(
          a.service
              .createTicket(
                  Actor.customer("john", "acme"),
                  new CreateTicket("Ticket " + i, "Help", Priority.HIGH, null, "acme", null))
              .id());
      clock.advance(Duration.ofMinutes(1));
    }
    for (int i = 0; i < TICKETS; i += 2) {
      b.service.addComment(Actor.admin("admin"), new AddComment(ids.get(i), "On it", false));
    }

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int step = 0; step < 16; step++) {
        clock.advance(Duration.ofMinutes(10));
        Future<?> ra = pool.submit(rounds(a.scheduler));
        Future<?> rb = pool.submit(rounds(b.scheduler));
        ra.get(60, TimeUnit.SECONDS);
        rb.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Integer> alerts = new HashMap<>();
    for (String id : ids) {
      for (AuditEntry e : a.tickets.inTransaction(() -> a.tickets.history(id))) {
        if (e.action() == AuditAction.SLA_BREACHED || e.action() == AuditAction.SLA_WARNING) {
          String key =
              id
                  + " "
                  + e.action()
                  + " "
                  + e.changes().get(0).newValue()
                  + "#"
                  + e.changes().get(1).newValue();
          alerts.merge(key, 1, Integer::sum);
        }
      }
    }
    // Every alert once at most; every breach whose time came exactly once, and nothing left due.
    assertThat(alerts.values()).containsOnly(1);
    Instant end = clock.instant();
    int breaches = 0;
    for (SlaRecord r : a.clocks.clocks(ids).values().stream().flatMap(List::stream).toList()) {
      assertThat(r.nextAlertAt()).as("nothing left to raise").isNull();
      String key = r.ticketId() + " SLA_BREACHED " + r.clock().target() + "#" + r.clock().cycle();
      if (r.clock().breached(end)) {
        breaches++;
        assertThat(alerts).containsEntry(key, 1);
      } else {
        assertThat(alerts).doesNotContainKey(key);
      }
    }
    assertThat(breaches).as("half the tickets were never answered").isGreaterThanOrEqualTo(TICKETS);
    // The clocks the engine kept on this database equal a replay of each ticket's audit log (the
    // scheduler's own entries are not clock events).
    SlaTimeline timeline = new SlaTimeline(config);
    Map<String, List<SlaRecord>> kept = a.clocks.clocks(ids);
    for (String id : ids) {
      List<AuditEntry> history = a.tickets.inTransaction(() -> a.tickets.history(id));
      assertThat(kept.get(id))
          .extracting(SlaRecord::clock)
          .isEqualTo(timeline.replay(SlaEvents.of(history)).clocks());
    }
    List<OutboxEntry> pending =
        a.tickets.outbox().list(OutboxState.PENDING, OutboxStore.RECIPIENTS, 10_000);
    assertThat(
            pending.stream().filter(e -> e.request().template().name().startsWith("sla-")).count())
        .isEqualTo(alerts.size());
  }

  /** Rounds until one raises nothing, in small batches so that the two schedulers interleave. */
  private static Callable<Void> rounds(SlaScheduler scheduler) {
    return () -> {
      for (int i = 0; i < 20; i++) {
        SlaScheduler.Result r = scheduler.raiseDue();
        if (r.warnings() + r.breaches() == 0) {
          break;
        }
      }
      return null;
    };
  }

  /** One application instance: its own entity manager factory, stores, service and scheduler. */
  private static final class Instance {
    final JpaTicketStore tickets;
    final JpaSlaStore clocks;
    final TicketService service;
    final SlaScheduler scheduler;

    Instance(EntityManagerFactory factory, MutableClock clock, SlaConfiguration config) {
      JpaTransactions tx = new ResourceLocalTransactions(factory);
      tickets = new JpaTicketStore(tx);
      clocks = new JpaSlaStore(tx);
      TicketingOptions options = TicketingOptions.defaults();
      IdGenerator ids = IdGenerator.timeOrdered(clock);
      service =
          SlaWiring.ticketService(
              new EngineParts(
                  tickets,
                  new InMemoryBlobStore(clock),
                  InMemoryDirectory.builder().company("acme", "Acme", "desk@acme.test").build(),
                  InMemorySubjectCatalog.ofCategories(options.categories()),
                  MatrixPolicy.standard(),
                  options,
                  clock,
                  ids,
                  () -> {},
                  new DirectoryFailures()),
              clocks,
              config);
      scheduler =
          new SlaScheduler(
              tickets,
              clocks,
              clock,
              ids,
              new SlaScheduler.Settings(Duration.ofMinutes(1), 3),
              () -> {});
    }
  }
}
