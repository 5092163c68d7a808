package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.assignment.AgentSettings;
import dev.ticketing.assignment.AgentState;
import dev.ticketing.assignment.AssignmentOutcome;
import dev.ticketing.assignment.AssignmentStrategy;
import dev.ticketing.assignment.AutoAssign;
import dev.ticketing.assignment.Availability;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.TicketRecord;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one database assign the same tickets at once, each ticket asked of
 * both, by all three strategies, until every available agent is full: no agent ends over capacity,
 * no ticket is assigned twice, no away agent gets one, the kept loads equal the tickets, and exactly
 * as many tickets are assigned as there were places.
 *
 * <p>PostgreSQL runs 10,000 assignments (5,000 tickets twice), MariaDB 2,000; {@code
 * -Dassignment.race.tickets=N} changes both.
 */
class AssignmentRaceIT {

  private static final Actor ADMIN = Actor.admin("admin");
  private static final List<String> STRATEGIES =
      List.of(
          AssignmentStrategy.ROUND_ROBIN,
          AssignmentStrategy.LEAST_LOADED,
          AssignmentStrategy.SKILLS);

  @Test
  void tenThousandAssignmentsOnTwoInstancesOfPostgresql() throws Exception {
    race(TestDatabase.POSTGRESQL, Integer.getInteger("assignment.race.tickets", 5_000), 40, 100);
  }

  @Test
  void twoThousandAssignmentsOnTwoInstancesOfMariadb() throws Exception {
    race(TestDatabase.MARIADB, Integer.getInteger("assignment.race.tickets", 1_000), 16, 50);
  }

  private void race(TestDatabase db, int tickets, int agentCount, int capacity) throws Exception {
    db.truncate();
    InMemoryDirectory.Builder people =
        InMemoryDirectory.builder().company("acme", "Acme", "desk@acme.test").admin("admin");
    people.user("john", "John", "Doe", "john@acme.test", Role.CUSTOMER);
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < agentCount; i++) {
      String id = String.format("agent-%02d", i);
      agents.add(id);
      people.user(id, "Agent", "" + i, id + "@desk.test", Role.AGENT);
    }
    InMemoryDirectory directory = people.build();
    HikariDataSource secondPool = pool(db, 10);
    EntityManagerFactory secondFactory = TicketingPersistence.entityManagerFactory(secondPool);
    try (Ticketing a = instance(db.start().factory(), directory);
        Ticketing b = instance(secondFactory, directory)) {
      // One agent in eight is away; the others share category:general, so skills may pick them.
      List<String> away = new ArrayList<>();
      for (int i = 0; i < agents.size(); i++) {
        boolean isAway = i % 8 == 7;
        if (isAway) {
          away.add(agents.get(i));
        }
        a.assignment()
            .saveAgent(
                ADMIN,
                new AgentSettings(
                    agents.get(i),
                    List.of("category:general", i % 2 == 0 ? "lang:de" : "lang:en"),
                    capacity,
                    isAway ? Availability.AWAY : Availability.AVAILABLE));
      }
      int places = (agents.size() - away.size()) * capacity;
      List<String> ids = insertTickets(a, tickets);

      Map<String, List<AssignmentOutcome>> outcomes = assignFromBoth(a, b, ids);

      int assignedNow = 0;
      for (String id : ids) {
        List<AssignmentOutcome> two = outcomes.get(id);
        assertThat(two).hasSize(2);
        long won = two.stream().filter(AssignmentOutcome::assigned).count();
        assertThat(won).as("ticket %s assigned by both instances", id).isLessThanOrEqualTo(1);
        assignedNow += (int) won;
        if (won == 1) {
          // The other call saw the winner's assignee, or (having read the ticket just before the
          // winner committed) found every agent full: either way it changed nothing.
          String agent =
              two.stream().filter(AssignmentOutcome::assigned).findFirst().get().agentId();
          assertThat(two)
              .filteredOn(o -> !o.assigned())
              .allSatisfy(
                  o -> assertThat(o.agentId() == null ? agent : o.agentId()).isEqualTo(agent));
        }
      }
      assertThat(assignedNow)
          .as("every place filled, none twice")
          .isEqualTo(Math.min(places, tickets));
      assertThat(assignedAuditsPerTicket(db).values()).as("one assignment each").containsOnly(1);
      assertThat(assignedAuditsPerTicket(db)).hasSize(assignedNow);

      Map<String, Integer> actual = openTicketsPerAgent(db);
      for (AgentState s : a.assignment().agents(ADMIN)) {
        assertThat(actual.getOrDefault(s.agentId(), 0))
            .as("open tickets of %s", s.agentId())
            .isLessThanOrEqualTo(capacity)
            .isEqualTo(s.load());
      }
      assertThat(away).allSatisfy(id -> assertThat(actual).doesNotContainKey(id));
      assertThat(b.assignment().reconcile(ADMIN)).isEmpty();
    } finally {
      secondFactory.close();
      secondPool.close();
    }
  }

  private static Map<String, List<AssignmentOutcome>> assignFromBoth(
      Ticketing a, Ticketing b, List<String> ids) throws Exception {
    List<String> forA = new ArrayList<>(ids);
    List<String> forB = new ArrayList<>(ids);
    Collections.shuffle(forA, new Random(1));
    Collections.shuffle(forB, new Random(2));
    ExecutorService poolA = Executors.newFixedThreadPool(6);
    ExecutorService poolB = Executors.newFixedThreadPool(6);
    try {
      List<Future<AssignmentOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        String ta = forA.get(i);
        String tb = forB.get(i);
        String sa = STRATEGIES.get(i % 3);
        String sb = STRATEGIES.get((i + 1) % 3);
        futures.add(poolA.submit(() -> auto(a, ta, sa)));
        futures.add(poolB.submit(() -> auto(b, tb, sb)));
      }
      Map<String, List<AssignmentOutcome>> out = new HashMap<>();
      for (Future<AssignmentOutcome> f : futures) {
        AssignmentOutcome o = f.get(5, TimeUnit.MINUTES);
        out.computeIfAbsent(o.ticket().id(), k -> new ArrayList<>()).add(o);
      }
      return out;
    } finally {
      poolA.shutdownNow();
      poolB.shutdownNow();
    }
  }

  private static AssignmentOutcome auto(Ticketing t, String ticketId, String strategy) {
    return t.assignment()
        .autoAssign(
            ADMIN,
            new AutoAssign(
                ticketId,
                strategy,
                strategy.equals(AssignmentStrategy.SKILLS) ? List.of("lang:de") : null));
  }

  private static List<String> insertTickets(Ticketing t, int count) {
    List<String> ids = new ArrayList<>();
    Instant now = Instant.parse("2026-05-04T10:00:00Z");
    for (int from = 0; from < count; from += 500) {
      int to = Math.min(count, from + 500);
      t.store()
          .inTransaction(
              () -> {
                for (int i = ids.size(); i < to; i++) {
                  String id = UUID.randomUUID().toString();
                  t.store()
                      .insertTicket(
                          new TicketRecord(
                              id,
                              "acme",
                              "john",
                              "Ticket " + i,
                              "Help",
                              Status.OPEN,
                              Priority.MEDIUM,
                              Category.GENERAL,
                              null,
                              now,
                              now,
                              null,
                              null,
                              null,
                              null,
                              null,
                              0));
                  ids.add(id);
                }
                return null;
              });
    }
    return ids;
  }

  private static Map<String, Integer> assignedAuditsPerTicket(TestDatabase db) throws SQLException {
    return counts(
        db,
        "select ticket_id, count(*) from ticketing_audit_entry where action = 'TICKET_ASSIGNED'"
            + " group by ticket_id");
  }

  private static Map<String, Integer> openTicketsPerAgent(TestDatabase db) throws SQLException {
    return counts(
        db,
        "select assignee_id, count(*) from ticketing_ticket where assignee_id is not null"
            + " and deleted_at is null"
            + " and status in ('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')"
            + " group by assignee_id");
  }

  private static Map<String, Integer> counts(TestDatabase db, String sql) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }

  private static Ticketing instance(EntityManagerFactory factory, InMemoryDirectory directory) {
    JpaTransactions tx = new ResourceLocalTransactions(factory);
    return Ticketing.builder()
        .store(new JpaTicketStore(tx))
        .assignmentStore(new JpaAssignmentStore(tx))
        .directory(directory)
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  private static HikariDataSource pool(TestDatabase db, int size) {
    HikariDataSource shared = db.start().dataSource();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setPoolName("ticketing-test-assignment-race");
    return new HikariDataSource(config);
  }
}
