package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a customer's pages and every search are planned for their values even on a
 * connection that would plan prepared statements generically, and the transaction they run in gets
 * its planning mode back.
 *
 * <p>The host's transaction here plans every prepared statement generically ({@code
 * force_generic_plan}), the worst case of what PostgreSQL may settle on by itself after a
 * statement has run five times. Every read runs a dozen times in that transaction, on the one
 * connection of a pool of the test's own, so the driver prepares each statement on the server and
 * {@code pg_prepared_statements} counts how each execution was planned.
 */
class CustomPlansIT {

  private static final Instant BASE = Instant.parse("2026-01-05T09:00:00Z");
  private static final int RUNS = 12;

  @Test
  void aCustomersPagesAndSearchesArePlannedForTheirValuesAndOtherReadsAsTheHostPlans() {
    TestDatabase db = TestDatabase.POSTGRESQL;
    db.truncate();
    // A pool of its own with one connection: every statement it prepared is this test's.
    JpaTicketStore store = db.newInstance(1);
    store.inTransaction(
        () -> {
          for (int i = 0; i < 40; i++) {
            store.insertTicket(ticket(i));
          }
          return null;
        });

    TicketQuery customerPage = query(VisibilityScope.requestedBy("alice", "acme"), null);
    TicketQuery adminPage = query(VisibilityScope.EVERYTHING, null);
    TicketQuery staffSearch = query(VisibilityScope.EVERYTHING, "printer");

    store.inTransaction(
        () -> {
          EntityManager em = store.em();
          em.createNativeQuery("select set_config('plan_cache_mode', 'force_generic_plan', true)")
              .getSingleResult();
          for (int i = 0; i < RUNS; i++) {
            assertThat(store.list(customerPage)).hasSize(10);
            assertThat(store.list(adminPage)).hasSize(10);
            assertThat(store.list(staffSearch)).hasSize(10);
            assertThat(store.count(customerPage)).isEqualTo(20);
          }

          assertThat(
                  em.createNativeQuery("select current_setting('plan_cache_mode')")
                      .getSingleResult())
              .as("the host transaction's own mode, after the reads")
              .isEqualTo("force_generic_plan");

          List<Plans> prepared = prepared(em);
          assertThat(prepared)
              .as("a customer's page and count, and the search")
              .filteredOn(p -> p.selectsTickets() && (p.byRequester() || p.searches()))
              .hasSizeGreaterThanOrEqualTo(3)
              .allSatisfy(
                  p -> {
                    assertThat(p.generic()).as(p.statement()).isZero();
                    assertThat(p.custom()).as(p.statement()).isPositive();
                  });
          assertThat(prepared)
              .as("the administrator's page, planned as the host's transaction plans")
              .filteredOn(p -> p.selectsTickets() && p.page() && !p.byRequester() && !p.searches())
              .isNotEmpty()
              .allSatisfy(p -> assertThat(p.generic()).as(p.statement()).isPositive());
          return null;
        });
  }

  /** One server-side prepared statement of the session and how its executions were planned. */
  private record Plans(String statement, long generic, long custom) {
    boolean selectsTickets() {
      return statement.contains("from ticketing_ticket");
    }

    boolean byRequester() {
      return statement.contains(".requester_id=");
    }

    boolean page() {
      return statement.contains(" order by ");
    }

    boolean searches() {
      return statement.contains(" like ");
    }
  }

  private static List<Plans> prepared(EntityManager em) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select statement, generic_plans, custom_plans from pg_prepared_statements")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Plans(
                    ((String) r[0]).toLowerCase(java.util.Locale.ROOT),
                    ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue()))
        .toList();
  }

  private static TicketQuery query(VisibilityScope scope, String term) {
    TicketFilter filter = TicketFilter.builder().searchTerm(term).build();
    return new TicketQuery(scope, filter, CommentSearch.NONE, SortOrder.NEWEST_FIRST, null, 10);
  }

  /** Half the tickets are alice's, all of acme, all about a printer. */
  private static TicketRecord ticket(int i) {
    Instant created = BASE.plusSeconds(60L * i);
    return new TicketRecord(
        "cp" + i,
        "acme",
        i % 2 == 0 ? "alice" : "bob",
        "Printer jam " + i,
        "The printer on floor " + i + " jams",
        Status.OPEN,
        Priority.MEDIUM,
        Category.GENERAL,
        null,
        created,
        created,
        null,
        null,
        null,
        null,
        null,
        0);
  }
}
