package dev.ticketing.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.ResourceLocalTransactions;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.policy.Actor;
import dev.ticketing.testsupport.PostgresReplica;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What reading from a streaming replica costs: an admin's page of 20 tickets and the statistics,
 * through a store without a replica (on the primary) and through a store routing them to the
 * replica, beside the hand-written SQL page on the primary and on the replica, in one run on
 * PostgreSQL. The cases run interleaved, round by round, so drift of a busy machine touches each.
 *
 * <p>The replica is the local one {@link PostgresReplica} finds or starts; the corpus is loaded on
 * the primary as {@link LoadData} does and reaches the replica by replication.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.ReplicaReadBench \
 *     --tickets 100000 --database ticketing_bench_replica --out replica.txt
 * }</pre>
 */
public final class ReplicaReadBench {

  private static final Actor ADMIN = Actor.admin(Corpus.adminId(0));

  private final Options options;
  private final BenchDatabase db;
  private final List<String> report = new ArrayList<>();

  private ReplicaReadBench(Options options) {
    this.options = options;
    this.db = options.database();
  }

  public static void main(String[] args) throws Exception {
    new ReplicaReadBench(Options.parse(args)).run();
  }

  private void run() throws Exception {
    if (db.vendor() != BenchDatabase.Vendor.POSTGRESQL) {
      throw new IllegalArgumentException("the replica benchmark runs on PostgreSQL");
    }
    line("database", db.url() + ", " + options.tickets() + " tickets");
    LoadData.Result load = LoadData.load(db, options.tickets(), options.force());
    line("load", load.note());
    PostgresReplica replica = PostgresReplica.started();
    replica.awaitReplay();
    line("replica", replica.urlOf(db.databaseName()));
    try (HikariDataSource primaryPool = db.pool("bench-replica-primary", 4);
        HikariDataSource replicaPool = replicaPool(replica.urlOf(db.databaseName()))) {
      EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(primaryPool);
      try (Ticketing onPrimary = ticketing(JpaTicketStore.resourceLocal(emf));
          Ticketing routed =
              ticketing(
                  JpaTicketStore.builder(new ResourceLocalTransactions(emf))
                      .replica(replicaPool)
                      .build())) {
        int rounds = options.quick() ? 20 : 300;
        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("page, primary", () -> page(onPrimary));
        cases.put("page, routed to the replica", () -> page(routed));
        cases.put("SQL page, primary", () -> sqlPage(primaryPool));
        cases.put("SQL page, replica", () -> sqlPage(replicaPool));
        cases.put("stats, primary", () -> onPrimary.service().ticketStats(ADMIN, null));
        cases.put("stats, routed to the replica", () -> routed.service().ticketStats(ADMIN, null));
        Map<String, double[]> m = measure(rounds, cases);
        ratio("page: routed / primary", m, "page, routed to the replica", "page, primary");
        ratio("SQL page: replica / primary", m, "SQL page, replica", "SQL page, primary");
        ratio(
            "page routed / SQL page on the replica",
            m,
            "page, routed to the replica",
            "SQL page, replica");
        ratio(
            "page on the primary / SQL page on the primary",
            m,
            "page, primary",
            "SQL page, primary");
        ratio("stats: routed / primary", m, "stats, routed to the replica", "stats, primary");
      } finally {
        emf.close();
      }
    }
    report.forEach(System.out::println);
    if (options.out() != null) {
      Files.write(Path.of(options.out()), report);
    }
  }

  private static Ticketing ticketing(JpaTicketStore store) {
    return Ticketing.builder()
        .store(store)
        .directory(Corpus.directory())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  private HikariDataSource replicaPool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setReadOnly(true);
    config.setPoolName("bench-replica-replica");
    return new HikariDataSource(config);
  }

  private static Object page(Ticketing ticketing) {
    return ticketing.service().ticketsPaginated(ADMIN, PageRequest.first(20), TicketFilter.none());
  }

  /** The admin page as hand-written SQL: the tickets and their comment and attachment counts. */
  private static Object sqlPage(DataSource source) {
    String sql =
        "select p.*,"
            + " (select count(*) from ticketing_comment c where c.ticket_id = p.id),"
            + " (select count(*) from ticketing_comment c where c.ticket_id = p.id and c.internal = false),"
            + " (select max(c.created_at) from ticketing_comment c where c.ticket_id = p.id),"
            + " (select count(*) from ticketing_attachment a where a.ticket_id = p.id)"
            + " from (select t.id, t.company_id, t.created_by, t.title, t.description, t.status,"
            + " t.priority, t.category, t.assignee_id, t.created_at, t.updated_at, t.version,"
            + " t.requester_id, t.tags from ticketing_ticket t where t.deleted_at is null"
            + " order by t.created_at desc, t.id desc limit 21) p order by p.created_at desc, p.id desc";
    try (Connection c = source.getConnection();
        PreparedStatement p = c.prepareStatement(sql);
        ResultSet rs = p.executeQuery()) {
      int rows = 0;
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, double[]> measure(int rounds, Map<String, Supplier<Object>> cases) {
    List<String> names = new ArrayList<>(cases.keySet());
    for (int r = 0; r < Math.max(5, rounds / 5); r++) {
      names.forEach(n -> cases.get(n).get());
    }
    Map<String, long[]> times = new LinkedHashMap<>();
    names.forEach(n -> times.put(n, new long[rounds]));
    for (int r = 0; r < rounds; r++) {
      for (String n : names) {
        long start = System.nanoTime();
        cases.get(n).get();
        times.get(n)[r] = System.nanoTime() - start;
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    times.forEach(
        (n, t) -> {
          long[] sorted = t.clone();
          Arrays.sort(sorted);
          double median = sorted[sorted.length / 2] / 1e6;
          double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6;
          out.put(n, new double[] {median, p95});
          line(
              "latency",
              String.format(
                  Locale.ROOT,
                  "%-32s median %7.2f ms  p95 %7.2f ms  (%d rounds)",
                  n,
                  median,
                  p95,
                  rounds));
        });
    return out;
  }

  private void ratio(String what, Map<String, double[]> m, String a, String b) {
    line(
        "ratio",
        String.format(
            Locale.ROOT,
            "%s: %.2f ms / %.2f ms (medians) = %.2fx",
            what,
            m.get(a)[0],
            m.get(b)[0],
            m.get(a)[0] / m.get(b)[0]));
  }

  private void line(String kind, String text) {
    String l = String.format(Locale.ROOT, "%-8s %s", kind, text);
    report.add(l);
    System.out.println(l);
  }
}
