package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CreateTicket;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.SamplePeople;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many writers of one company at once, each creating, tagging, assigning, moving and deleting its
 * own tickets through the engine: every writer finishes (no deadlock, no failure), no count is
 * lost (the statistics read from the counters equal the tickets the writers left), and
 * reconciliation finds nothing to correct.
 *
 * <p>32 writers of 15 tickets each on PostgreSQL and MariaDB; {@code -Dcounter.race.tickets=N}
 * changes the tickets per writer.
 */
class CounterRaceIT {

  private static final Actor ADMIN = SamplePeople.ADMIN;
  private static final int WRITERS = 32;

  @Test
  void manyWritersOfOneCompanyOnPostgresql() throws Exception {
    race(TestDatabase.POSTGRESQL);
  }

  @Test
  void manyWritersOfOneCompanyOnMariadb() throws Exception {
    race(TestDatabase.MARIADB);
  }

  private void race(TestDatabase db) throws Exception {
    db.truncate();
    int perWriter = Integer.getInteger("counter.race.tickets", 15);
    JpaTicketStore store = db.newInstance(WRITERS + 2);
    try (Ticketing t =
        Ticketing.builder()
            .store(store)
            .directory(SamplePeople.directory())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build()) {
      TicketService s = t.service();
      List<Race.Outcome<Integer>> outcomes =
          Race.run(
              WRITERS,
              racer ->
                  () -> {
                    int kept = 0;
                    for (int i = 0; i < perWriter; i++) {
                      String id =
                          s.createTicket(
                                  ADMIN,
                                  new CreateTicket(
                                      "Writer " + racer,
                                      "Ticket " + i,
                                      Priority.values()[i % Priority.values().length],
                                      null,
                                      "acme",
                                      null,
                                      "john",
                                      List.of("race"),
                                      null,
                                      null))
                              .id();
                      switch (i % 5) {
                        case 0 -> s.assignTicket(ADMIN, new AssignTicket(id, "sarah"));
                        case 1 -> s.changeStatus(ADMIN, new ChangeStatus(id, Status.RESOLVED));
                        case 2 -> s.changeTags(ADMIN, ChangeTags.add(id, "w" + racer % 4));
                        case 3 -> s.deleteTicket(ADMIN, id);
                        default -> {}
                      }
                      kept += i % 5 == 3 ? 0 : 1;
                    }
                    return kept;
                  });

      int kept = 0;
      for (Race.Outcome<Integer> o : outcomes) {
        assertThat(o.failure()).as("writer %s: %s", o.racer(), o.ending()).isNull();
        kept += o.value();
      }
      TicketStats counted = s.ticketStats(ADMIN, "acme");
      assertThat(counted.total()).as("no lost count").isEqualTo(kept);
      assertThat(counted).isEqualTo(store.stats(VisibilityScope.EVERYTHING, "acme"));
      assertThat(s.tagStats(ADMIN, "acme", 10))
          .isEqualTo(store.tagCounts(VisibilityScope.EVERYTHING, "acme", 10));
      assertThat(t.counters().reconcile(ADMIN, null, false).drifts()).isEmpty();
      assertThat(t.counters().fold()).isPositive();
      assertThat(s.ticketStats(ADMIN, "acme")).isEqualTo(counted);
    }
  }
}
