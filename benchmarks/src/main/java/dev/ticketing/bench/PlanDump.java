package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.policy.Actor;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The plans PostgreSQL ran for the library's own statements on a loaded corpus: the admin page with
 * {@code totalCount}, the page at a given depth reached by cursor, the busiest customer's page, and
 * the statistics over all companies and over the busiest one. Each operation runs once on a pool of
 * one connection whose session loads {@code auto_explain} (superuser) with {@code log_analyze} and
 * {@code log_buffers}: the server's log then holds {@code EXPLAIN (ANALYZE, BUFFERS)} of exactly
 * the statements the library sent, with the values it bound (custom plans). A marker statement
 * ({@code select 'plan: NAME'}) precedes each operation in the log.
 *
 * <p>The deep page's cursor is made from the row at that depth, read by a hand-written {@code
 * OFFSET} on another connection, in the format the engine issues ({@code k1:seconds:nanos:id},
 * base64url): walking there by cursor takes minutes and gives the same cursor ({@link Suite} walks).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.PlanDump --tickets 10000000 \
 *     --database ticketing_bench_10m --depth 500000
 * # then read the plans from the server's log, e.g. /var/log/postgresql/postgresql-15-main.log
 * }</pre>
 */
public final class PlanDump {

  private static final Actor ADMIN = Actor.admin(Corpus.adminId(0));

  private PlanDump() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    BenchDatabase plain = o.database();
    if (plain.vendor() != BenchDatabase.Vendor.POSTGRESQL) {
      throw new IllegalArgumentException("PlanDump reads PostgreSQL's auto_explain");
    }
    String options =
        "options=-c%20plan_cache_mode%3Dforce_custom_plan"
            + "%20-c%20session_preload_libraries%3Dauto_explain"
            + "%20-c%20auto_explain.log_min_duration%3D0"
            + "%20-c%20auto_explain.log_analyze%3Don"
            + "%20-c%20auto_explain.log_buffers%3Don"
            + "%20-c%20auto_explain.log_nested_statements%3Don";
    String url = plain.url().replaceAll("\\?.*$", "") + "?" + options;
    BenchDatabase explained =
        new BenchDatabase(plain.vendor(), url, plain.user(), plain.password());
    long depth = (o.depth() - 1L) * 20;
    String cursor = cursorAt(plain, depth);
    try (HikariDataSource pool = explained.pool("bench-plans", 1);
        EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(pool, Map.of());
        Ticketing t =
            Ticketing.builder()
                .store(JpaTicketStore.resourceLocal(emf))
                .directory(Corpus.directory())
                .backgroundDispatch(false)
                .backgroundSweep(false)
                .build()) {
      TicketService s = t.service();
      Actor customer = Actor.customer(Corpus.customerId(0, 0), Corpus.companyId(0));
      mark(pool, "admin page of 20 with totalCount");
      s.ticketsPaginated(ADMIN, PageRequest.first(20).withTotalCount(), TicketFilter.none());
      mark(pool, String.format("admin page of 20 after %,d tickets (page %,d)", depth, o.depth()));
      TicketPage deep =
          s.ticketsPaginated(ADMIN, PageRequest.first(20).after(cursor), TicketFilter.none());
      if (deep.edges().isEmpty()) {
        throw new IllegalStateException("the deep page is empty");
      }
      mark(pool, "busiest company's customer, page 1 of 20");
      s.ticketsPaginated(customer, PageRequest.first(20), TicketFilter.none());
      mark(pool, "busiest company's customer, search for a common word");
      s.ticketsPaginated(
          customer, PageRequest.first(20), TicketFilter.builder().searchTerm("export").build());
      mark(pool, "ticketStats, all companies");
      s.ticketStats(ADMIN, null);
      mark(pool, "ticketStats, the busiest company");
      s.ticketStats(ADMIN, Corpus.companyId(0));
      mark(pool, "end");
    }
    LoadData.log("plans written to the server's log after the markers select 'plan: ...'");
  }

  /**
   * The cursor the engine issues for the admin's listing after its first {@code depth} tickets: the
   * row at that depth, read with a hand-written {@code OFFSET}, in the engine's format ({@code
   * k1:seconds:nanos:id}, base64url). The same cursor a walk of the pages ends with, minutes sooner.
   */
  static String cursorAt(BenchDatabase db, long depth) throws java.sql.SQLException {
    Instant at;
    String id;
    try (Connection c = db.connect();
        PreparedStatement p =
            c.prepareStatement(
                "select created_at, id from ticketing_ticket where deleted_at is null"
                    + " order by created_at desc, id desc offset ? limit 1")) {
      p.setLong(1, depth - 1);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("fewer than " + depth + " tickets");
        }
        at = rs.getTimestamp(1).toInstant();
        id = rs.getString(2);
      }
    }
    String raw = "k1:" + at.getEpochSecond() + ":" + at.getNano() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static void mark(HikariDataSource pool, String name) throws Exception {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("select 'plan: " + name.replace("'", "") + "'");
    }
  }
}
