package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.SlaPage;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaSlaStore;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.ResourceLocalTransactions;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.policy.Actor;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaTargets;
import dev.ticketing.spi.SlaListing;
import dev.ticketing.spi.SlaRecord;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The SLA reads at scale: the scheduler's breach scan over one minute of due times and a "due
 * soonest" page (first page, and one deep in the list through a cursor), through the library and
 * as hand-written JDBC, interleaved in the same run; then the plans of the library's queries.
 *
 * <p>Loads its own data into its own database (default {@code ticketing_te_slabench}), generated in
 * SQL: {@code --tickets} tickets (PostgreSQL only; MariaDB gets the clocks alone, for the plans),
 * two clocks each (first response, resolution). One ticket in 20 is live, with active clocks due
 * between two days ago and twelve days ahead (the breaches of the past already raised, those of the
 * last minute not yet); the rest were fulfilled, about one in eight of them late.
 *
 * <p>Long because the data it generates, the measured pairs and the plans belong to one run and
 * read best in one place.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.SlaBenchmark --tickets 1000000
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.SlaBenchmark --vendor mariadb --tickets 1000000
 * </pre>
 */
public final class SlaBenchmark {
  /** The company of ticket {@code t<g>}, which every row of a ticket carries. */
  private static final String COMPANY_OF_G =
      "(select t.company_id from ticketing_ticket t where t.id = concat('t', g))";

  /** The instant the data is built around, and the clock of every measurement. */
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static final long HOUR_US = 3_600_000_000L;
  private static final String SCAN_SQL =
      "select ticket_id, target_kind, cycle_no, state, due_at, next_alert_at"
          + " from ticketing_sla_clock where next_alert_at <= ?"
          + " order by next_alert_at, ticket_id, target_kind, cycle_no limit 100"
          + " for update skip locked";
  private static final String PAGE_SQL =
      "select ticket_id, target_kind, cycle_no, due_at from ticketing_sla_clock"
          + " where state = 'ACTIVE' and due_at >= ?"
          + " and (due_at, ticket_id, target_kind, cycle_no) > (?, ?, ?, ?)"
          + " order by due_at, ticket_id, target_kind, cycle_no limit 21";

  private final BenchDatabase db;
  private final int tickets;
  private final int rounds;
  private final int perRound;
  private final List<String> report = new ArrayList<>();

  private SlaBenchmark(BenchDatabase db, int tickets, int rounds, int perRound) {
    this.db = db;
    this.tickets = tickets;
    this.rounds = rounds;
    this.perRound = perRound;
  }

  public static void main(String[] args) throws Exception {
    BenchDatabase.Vendor vendor = BenchDatabase.Vendor.POSTGRESQL;
    String database = "ticketing_te_slabench";
    int tickets = 1_000_000;
    int rounds = 10;
    int perRound = 50;
    boolean force = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--vendor" -> vendor = BenchDatabase.Vendor.parse(args[++i]);
        case "--database" -> database = args[++i];
        case "--tickets" -> tickets = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--per-round" -> perRound = Integer.parseInt(args[++i]);
        case "--force" -> force = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SlaBenchmark bench =
        new SlaBenchmark(BenchDatabase.of(vendor, database), tickets, rounds, perRound);
    bench.run(force);
    bench.report.forEach(System.out::println);
  }

  private void run(boolean force) throws Exception {
    db.createIfMissing();
    try (HikariDataSource pool = db.pool("sla-bench", 4)) {
      TicketingSchema.migrate(pool);
      load(pool, force);
      if (db.vendor() == BenchDatabase.Vendor.POSTGRESQL) {
        measure(pool);
      }
      explain(pool);
    }
  }

  // ------------------------------------------------------------------ data

  private void load(HikariDataSource pool, boolean force) throws SQLException {
    boolean pg = db.vendor() == BenchDatabase.Vendor.POSTGRESQL;
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      long have;
      try (ResultSet rs = s.executeQuery("select count(*) from ticketing_sla_clock")) {
        rs.next();
        have = rs.getLong(1);
      }
      if (have == 2L * tickets && !force) {
        report.add("data: " + have + " clocks already loaded");
        return;
      }
      long started = System.nanoTime();
      s.executeUpdate("delete from ticketing_sla_clock");
      String series =
          pg
              ? "generate_series(1, " + tickets + ") as s(g)"
              : "(select seq as g from seq_1_to_" + tickets + ") s";
      String big = pg ? "bigint" : "signed";
      long now = micros(NOW);
      // Ticket g was created (tickets - g) * 30 seconds before NOW: a year of history at a million.
      String created = now + " - cast(" + tickets + " - g as " + big + ") * 30000000";
      if (pg) {
        s.executeUpdate("delete from ticketing_ticket_tag");
        s.executeUpdate("delete from ticketing_audit_change");
        s.executeUpdate("delete from ticketing_audit_entry");
        s.executeUpdate("delete from ticketing_ticket");
        s.executeUpdate(
            "insert into ticketing_ticket (id, company_id, created_by, requester_id, title,"
                + " description, status, priority, category, created_at, updated_at, version)"
                + " select concat('t', g), concat('c', g % 1000), concat('u', g % 5000),"
                + " concat('u', g % 5000), concat('Ticket ', g), 'Benchmark ticket',"
                + " case when g % 20 = 0 then 'IN_PROGRESS' else 'CLOSED' end,"
                + " case when g % 4 = 0 then 'LOW' when g % 14 = 1 then 'URGENT'"
                + " when g % 6 = 1 then 'HIGH' else 'MEDIUM' end, 'TECHNICAL',"
                + " to_timestamp(("
                + created
                + ") / 1000000.0), to_timestamp(("
                + created
                + ") / 1000000.0), 0 from "
                + series);
      }
      for (String target : List.of("FIRST_RESPONSE", "RESOLUTION")) {
        long goal = target.equals("FIRST_RESPONSE") ? HOUR_US : 8 * HOUR_US;
        // Live tickets: due between two days ago and twelve days ahead.
        String due =
            now
                + " + (cast(g as "
                + big
                + ") * 7919 % 1209600 - 172800) * 1000000"
                + (target.equals("RESOLUTION") ? " + 3600000000" : "");
        String live =
            "insert into ticketing_sla_clock (ticket_id, target_kind, cycle_no, state, policy_id,"
                + " calendar_id, goal_us, elapsed_us, started_at, running_since, stopped_at,"
                + " due_at, warn_at, breach_at, next_alert_at, warning_raised_at,"
                + " breach_raised_at, company_id) select concat('t', g), '"
                + target
                + "', 1, 'ACTIVE', 'main', null, "
                + goal
                + ", 0, d - "
                + goal
                + ", d - "
                + goal
                + ", null, d, null, d,"
                // a breach is raised once its minute is over; the last minute's are still due
                + " case when d > "
                + (now - 60_000_000L)
                + " then d end, null, case when d <= "
                + (now - 60_000_000L)
                + " then d end, "
                + COMPANY_OF_G
                + " from (select g, "
                + due
                + " as d from "
                + series
                + " where g % 20 = 0) x";
        s.executeUpdate(live);
        // Settled tickets: met after a spread of times, one in eight late.
        String spent = "(cast(g as " + big + ") * 104729 % " + (goal / 1_000_000 * 8 / 7) + ")";
        String settled =
            "insert into ticketing_sla_clock (ticket_id, target_kind, cycle_no, state, policy_id,"
                + " calendar_id, goal_us, elapsed_us, started_at, running_since, stopped_at,"
                + " due_at, warn_at, breach_at, next_alert_at, warning_raised_at,"
                + " breach_raised_at, company_id) select concat('t', g), '"
                + target
                + "', 1, 'FULFILLED', 'main', null, "
                + goal
                + ", e, c, null, c + e, c + "
                + goal
                + ", null, case when e >= "
                + goal
                + " then c + "
                + goal
                + " end, null, null, case when e >= "
                + goal
                + " then c + "
                + goal
                + " end, "
                + COMPANY_OF_G
                + " from (select g, "
                + created
                + " as c, "
                + spent
                + " * 1000000 as e from "
                + series
                + " where g % 20 <> 0) x";
        s.executeUpdate(settled);
      }
      s.execute(pg ? "vacuum analyze ticketing_sla_clock" : "analyze table ticketing_sla_clock");
      if (pg) {
        s.execute("vacuum analyze ticketing_ticket");
      }
      report.add(
          String.format(
              Locale.ROOT,
              "data: %d tickets, %d clocks loaded in %.0f s",
              tickets,
              2L * tickets,
              (System.nanoTime() - started) / 1e9));
    }
  }

  // ------------------------------------------------------------------ measurements

  private void measure(HikariDataSource pool) throws Exception {
    try (EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(pool)) {
      ResourceLocalTransactions tx = new ResourceLocalTransactions(emf);
      JpaSlaStore clocks = new JpaSlaStore(tx);
      Ticketing ticketing =
          Ticketing.builder()
              .store(new JpaTicketStore(tx))
              .slaStore(clocks)
              .sla(
                  SlaConfiguration.of(
                      List.of(
                          SlaPolicy.everyTicket(
                              "main", SlaPolicy.allPriorities(SlaTargets.minutes(60, 120, 480))))))
              .directory(InMemoryDirectory.empty())
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .backgroundDispatch(false)
              .backgroundSweep(false)
              .build();
      Actor admin = Actor.admin("bench-admin");
      // A cursor 10,000 clocks into the list (half-way in a small run).
      int active;
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("select count(*) from ticketing_sla_clock where state = 'ACTIVE'")) {
        rs.next();
        active = rs.getInt(1);
      }
      int depth = Math.max(100, Math.min(10_000, active / 2 / 100 * 100));
      String deep = null;
      for (int i = 0; i < depth / 100; i++) {
        deep = ticketing.sla().dueSoonest(admin, null, 100, deep).endCursor();
      }
      String deepCursor = deep;
      List<SlaRecord> deepPage =
          clocks.list(new SlaListing(SlaListing.Order.DUE_SOONEST, null, NOW, null, depth));
      SlaListing.Position deepAt =
          new SlaListing(SlaListing.Order.DUE_SOONEST, null, NOW, null, 1)
              .positionOf(deepPage.get(deepPage.size() - 1));

      int scanned = clocks.inTransaction(() -> clocks.claimDueAlerts(NOW, 100)).size();
      report.add("breach scan at NOW claims " + scanned + " clocks (one minute of due times)");
      report.add("");
      report.add("| operation | library median | p95 | hand-written median | p95 | ratio |");
      report.add("|---|---|---|---|---|---|");
      compare(
          "breach scan, one minute of due times (claim, commit)",
          () -> clocks.inTransaction(() -> clocks.claimDueAlerts(NOW, 100)).size(),
          () -> jdbc(pool, c -> scan(c)));
      compare(
          "\"due soonest\" first page of 20 (service: checks, store, views, cursor)",
          () -> ticketing.sla().dueSoonest(admin, null, 20, null).items().size(),
          () -> jdbc(pool, c -> page(c, null)));
      compare(
          "\"due soonest\" page of 20 after " + depth + " (cursor)",
          () -> sizeOf(ticketing.sla().dueSoonest(admin, null, 20, deepCursor)),
          () -> jdbc(pool, c -> page(c, deepAt)));
      compare(
          "\"due soonest\" page of 20, store only",
          () ->
              clocks.list(new SlaListing(SlaListing.Order.DUE_SOONEST, null, NOW, null, 21)).size(),
          () -> jdbc(pool, c -> pageClocksOnly(c)));
      compare(
          "\"overdue\" first page of 20 (service)",
          () -> ticketing.sla().overdue(admin, null, 20, null).items().size(),
          () -> jdbc(pool, c -> overdue(c)));
      JpaTicketStore ticketStore = new JpaTicketStore(tx);
      List<String> twenty =
          clocks.list(new SlaListing(SlaListing.Order.DUE_SOONEST, null, NOW, null, 20)).stream()
              .map(SlaRecord::ticketId)
              .distinct()
              .toList();
      compare(
          "the page's tickets by id (20), store only",
          () -> ticketStore.findTickets(twenty).size(),
          () -> jdbc(pool, c -> tickets(c, twenty)));
      ticketing.close();
    }
  }

  private static int tickets(Connection c, List<String> ids) throws SQLException {
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement s =
        c.prepareStatement("select * from ticketing_ticket where id in (" + marks + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        s.setString(i + 1, ids.get(i));
      }
      return count(s);
    }
  }

  private static int sizeOf(SlaPage page) {
    return page.items().size();
  }

  private interface JdbcWork {
    int run(Connection c) throws SQLException;
  }

  private static int jdbc(HikariDataSource pool, JdbcWork work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      int n = work.run(c);
      c.commit();
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int scan(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SCAN_SQL)) {
      s.setLong(1, micros(NOW));
      return count(s);
    }
  }

  /** The open clocks past their breach time: one ordered walk per open state, merged. */
  static final String OVERDUE_SQL =
      "select * from ((select ticket_id, target_kind, cycle_no, breach_at from ticketing_sla_clock"
          + " where state = 'ACTIVE' and breach_at <= ?"
          + " order by breach_at, ticket_id, target_kind, cycle_no limit 21) union all"
          + " (select ticket_id, target_kind, cycle_no, breach_at from ticketing_sla_clock"
          + " where state = 'PAUSED' and breach_at <= ?"
          + " order by breach_at, ticket_id, target_kind, cycle_no limit 21)) merged"
          + " order by breach_at, ticket_id, target_kind, cycle_no limit 21";

  private static int overdue(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OVERDUE_SQL)) {
      s.setLong(1, micros(NOW));
      s.setLong(2, micros(NOW));
      return Math.min(count(s), 20);
    }
  }

  private static int pageClocksOnly(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select ticket_id, target_kind, cycle_no, due_at from ticketing_sla_clock"
                + " where state = 'ACTIVE' order by due_at, ticket_id, target_kind, cycle_no"
                + " limit 21")) {
      return count(s);
    }
  }

  /** The page's clocks by due time, from the start or after a keyset position. */
  private static int page(Connection c, SlaListing.@Nullable Position after) throws SQLException {
    String sql =
        after == null
            ? "select ticket_id, target_kind, cycle_no, due_at from ticketing_sla_clock"
                + " where state = 'ACTIVE' order by due_at, ticket_id, target_kind, cycle_no"
                + " limit 21"
            : PAGE_SQL;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (after != null) {
        s.setLong(1, micros(after.at()));
        s.setLong(2, micros(after.at()));
        s.setString(3, after.ticketId());
        s.setString(4, after.target().name());
        s.setInt(5, after.cycle());
      }
      return Math.min(count(s), 20);
    }
  }

  private static int count(PreparedStatement s) throws SQLException {
    int n = 0;
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  /** Library and baseline in alternating rounds after a warm-up; each call timed on its own. */
  private void compare(String name, Supplier<Integer> library, Supplier<Integer> baseline) {
    for (int i = 0; i < perRound * 2; i++) {
      check(name, library.get(), baseline.get());
    }
    long[] a = new long[rounds * perRound];
    long[] b = new long[rounds * perRound];
    int ia = 0;
    int ib = 0;
    for (int r = 0; r < rounds; r++) {
      boolean libraryFirst = r % 2 == 0;
      for (int pass = 0; pass < 2; pass++) {
        boolean lib = libraryFirst == (pass == 0);
        for (int i = 0; i < perRound; i++) {
          long t0 = System.nanoTime();
          int n = lib ? library.get() : baseline.get();
          long t = System.nanoTime() - t0;
          if (n < 0) {
            throw new IllegalStateException();
          }
          if (lib) {
            a[ia++] = t;
          } else {
            b[ib++] = t;
          }
        }
      }
    }
    double ma = median(a);
    double mb = median(b);
    report.add(
        String.format(
            Locale.ROOT,
            "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f |",
            name,
            ma / 1e6,
            p95(a) / 1e6,
            mb / 1e6,
            p95(b) / 1e6,
            ma / mb));
  }

  private static void check(String name, int library, int baseline) {
    if (library != baseline) {
      throw new IllegalStateException(
          name + ": the library returned " + library + " rows, the baseline " + baseline);
    }
  }

  private static double median(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  private static double p95(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s[(int) Math.ceil(0.95 * s.length) - 1];
  }

  // ------------------------------------------------------------------ plans

  private void explain(HikariDataSource pool) throws SQLException {
    boolean pg = db.vendor() == BenchDatabase.Vendor.POSTGRESQL;
    String prefix = pg ? "explain (analyze, buffers, costs off) " : "analyze format=json ";
    long now = micros(NOW);
    List<String> queries =
        List.of(
            SCAN_SQL.replace("?", String.valueOf(now)).replace(" for update skip locked", ""),
            "select ticket_id from ticketing_sla_clock where state = 'ACTIVE'"
                + " order by due_at, ticket_id, target_kind, cycle_no limit 21",
            PAGE_SQL
                .replaceFirst("\\?", String.valueOf(now + 86_400_000_000L))
                .replaceFirst("\\?", String.valueOf(now + 86_400_000_000L))
                .replaceFirst("\\?", "'t500000'")
                .replaceFirst("\\?", "'RESOLUTION'")
                .replaceFirst("\\?", "1"),
            OVERDUE_SQL.replace("?", String.valueOf(now)));
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String q : queries) {
        report.add("");
        report.add("```");
        report.add(q);
        try (ResultSet rs = s.executeQuery(prefix + q)) {
          while (rs.next()) {
            report.add(rs.getString(1));
          }
        }
        report.add("```");
      }
    }
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
