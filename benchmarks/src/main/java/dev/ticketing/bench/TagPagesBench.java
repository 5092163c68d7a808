package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.PageRequest;
import dev.ticketing.TagMatch;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.policy.Actor;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Pages of 20 tickets filtered by one tag, against hand-written SQL that reads the tag's rows in
 * the page's order, on the loaded corpus on PostgreSQL.
 *
 * <p>The run tags the corpus once (kept for later runs): {@code billing} on a third of the tickets,
 * {@code vip} on one in a hundred, {@code legacy} on the oldest 2% (a tag no new ticket carries, so
 * a newest-first walk of the tickets passes 98% of them before finding one). It then measures the
 * service's first page for an admin (each tag, "all of billing and vip", and the second page of
 * {@code billing}), for an admin filtering on the busiest company, and for an agent (the tickets
 * assigned to them), interleaved with the SQL twins, and checks that the admin pages hold exactly the
 * tickets the SQL pages do. Medians and p95 in ms; the statements' plans at the end.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.TagPagesBench \
 *     --tickets 1000000 --database ticketing_bench --out tags.txt
 * }</pre>
 */
public final class TagPagesBench {

  private static final Actor ADMIN = Actor.admin(Corpus.adminId(0));

  private final Options options;
  private final BenchDatabase db;
  private final List<String> report = new ArrayList<>();
  private HikariDataSource pool;
  private Ticketing ticketing;

  private TagPagesBench(Options options) {
    this.options = options;
    this.db = options.database();
  }

  public static void main(String[] args) throws Exception {
    new TagPagesBench(Options.parse(args)).run();
  }

  private void run() throws Exception {
    if (db.vendor() != BenchDatabase.Vendor.POSTGRESQL) {
      throw new IllegalArgumentException("the tag pages benchmark runs on PostgreSQL");
    }
    line("database", db.url() + ", " + options.tickets() + " tickets");
    LoadData.Result load = LoadData.load(db, options.tickets(), options.force());
    line("load", load.note());
    pool = db.pool("bench-tags", 4);
    EntityManagerFactory emf = TicketingPersistence.entityManagerFactory(pool);
    try {
      tag();
      ticketing =
          Ticketing.builder()
              .store(JpaTicketStore.resourceLocal(emf))
              .directory(Corpus.directory())
              .backgroundDispatch(false)
              .backgroundSweep(false)
              .build();
      String company = Corpus.companyId(0);
      // Customers never filter by tags (staff's working notes); an agent sees the queue assigned.
      Actor agent = Actor.agent(Corpus.agentId(0));
      String afterFirst =
          page(ADMIN, PageRequest.first(20), tags("billing")).pageInfo().endCursor();
      Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
      for (String tag : List.of("billing", "vip", "legacy")) {
        cases.put("admin, " + tag, () -> page(ADMIN, PageRequest.first(20), tags(tag)));
        cases.put("SQL, " + tag, () -> sql(tag, null));
      }
      cases.put(
          "admin, billing, 2nd page",
          () -> page(ADMIN, PageRequest.first(20).after(afterFirst), tags("billing")));
      cases.put(
          "admin, all of billing+vip",
          () ->
              page(
                  ADMIN,
                  PageRequest.first(20),
                  TicketFilter.builder()
                      .tags(List.of("billing", "vip"))
                      .tagMatch(TagMatch.ALL)
                      .build()));
      for (String tag : List.of("billing", "legacy")) {
        cases.put(
            "admin, company 0, " + tag,
            () ->
                page(
                    ADMIN,
                    PageRequest.first(20),
                    TicketFilter.builder().companyId(company).tags(List.of(tag)).build()));
        cases.put("SQL, company 0, " + tag, () -> sql(tag, company));
        cases.put("agent 0, " + tag, () -> page(agent, PageRequest.first(20), tags(tag)));
      }
      check("billing", null);
      check("legacy", null);
      check("billing", company);
      int rounds = options.quick() ? 10 : 100;
      measure(rounds, cases);
      explain("billing", null);
      explain("legacy", null);
      explain("legacy", company);
    } finally {
      if (ticketing != null) {
        ticketing.close();
      }
      emf.close();
      pool.close();
    }
    if (options.out() != null) {
      Files.write(Path.of(options.out()), report);
    }
  }

  private static TicketFilter tags(String tag) {
    return TicketFilter.builder().tags(List.of(tag)).build();
  }

  private TicketPage page(Actor actor, PageRequest request, TicketFilter filter) {
    return ticketing.service().ticketsPaginated(actor, request, filter);
  }

  /** Tags the corpus once; later runs find the rows and keep them. */
  private void tag() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      try (ResultSet rs =
          s.executeQuery(
              "select count(*) from ticketing_ticket_tag where tag in ('billing', 'vip', 'legacy')")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          line("tags", rs.getLong(1) + " tag rows from an earlier run");
          return;
        }
      }
      long t0 = System.nanoTime();
      String legacyBefore =
          "timestamp with time zone '"
              + Corpus.START.plus(
                  Duration.between(Corpus.START, Corpus.END).multipliedBy(2).dividedBy(100))
              + "'";
      String billing = "abs(hashtext(id)) % 3 = 0";
      String vip = "abs(hashtext(id)) % 100 = 1";
      String legacy = "created_at < " + legacyBefore;
      s.executeUpdate(
          "update ticketing_ticket set tags = ' ' || concat_ws(' ', case when "
              + billing
              + " then 'billing' end, case when "
              + legacy
              + " then 'legacy' end, case when "
              + vip
              + " then 'vip' end) || ' ' where "
              + billing
              + " or "
              + vip
              + " or "
              + legacy);
      boolean company = hasColumn(c, "company_id");
      // Since V23 the tag rows repeat the ticket's requester as well.
      boolean requester = hasColumn(c, "requester_id");
      for (String[] tag :
          List.of(
              new String[] {"billing", billing},
              new String[] {"vip", vip},
              new String[] {"legacy", legacy})) {
        s.executeUpdate(
            "insert into ticketing_ticket_tag (ticket_id, tag, created_at"
                + (company ? ", company_id" : "")
                + (requester ? ", requester_id" : "")
                + ") select id, '"
                + tag[0]
                + "', created_at"
                + (company ? ", company_id" : "")
                + (requester ? ", requester_id" : "")
                + " from ticketing_ticket where "
                + tag[1]);
      }
      s.execute("vacuum analyze ticketing_ticket");
      s.execute("vacuum analyze ticketing_ticket_tag");
      line("tags", String.format(Locale.ROOT, "tagged in %.0f s", (System.nanoTime() - t0) / 1e9));
    }
  }

  private static boolean hasColumn(Connection c, String column) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from information_schema.columns where table_name ="
                    + " 'ticketing_ticket_tag' and column_name = '"
                    + column
                    + "'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  /** The hand-written page: the tag's rows in the page's order, joined to their tickets. */
  private String sqlText(String tag, String company) {
    return "select t.id, t.company_id, t.created_by, t.title, t.description, t.status, t.priority,"
        + " t.category, t.assignee_id, t.created_at, t.updated_at, t.version, t.requester_id,"
        + " t.tags from ticketing_ticket_tag g join ticketing_ticket t on t.id = g.ticket_id"
        + " where g.tag = '"
        + tag
        + "'"
        + (company == null ? "" : " and t.company_id = '" + company + "'")
        + " and t.deleted_at is null order by g.created_at desc, g.ticket_id desc limit 21";
  }

  private List<String> sql(String tag, String company) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement(sqlText(tag, company));
        ResultSet rs = p.executeQuery()) {
      List<String> ids = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        ids.add(rs.getString(1));
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The service's page holds the SQL page's tickets, in its order. */
  private void check(String tag, String company) {
    TicketFilter.Builder f = TicketFilter.builder().tags(List.of(tag));
    if (company != null) {
      f.companyId(company);
    }
    List<String> service =
        page(ADMIN, PageRequest.first(20), f.build()).nodes().stream().map(TicketView::id).toList();
    List<String> expected = sql(tag, company).subList(0, 20);
    if (!service.equals(expected)) {
      throw new IllegalStateException(
          "the service's page of " + tag + " differs: " + service + " vs " + expected);
    }
  }

  private void explain(String tag, String company) throws SQLException {
    String filter =
        "t.deleted_at is null" + (company == null ? "" : " and t.company_id = '" + company + "'");
    String exists =
        "select t.id from ticketing_ticket t where "
            + filter
            + " and exists (select 1 from ticketing_ticket_tag g where g.ticket_id = t.id and g.tag"
            + " = '"
            + tag
            + "') order by t.created_at desc, t.id desc limit 21";
    for (String[] q :
        List.of(
            new String[] {"exists over the tag rows", exists},
            new String[] {"driven from the tag rows", sqlText(tag, company)})) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("explain (analyze, costs off) " + q[1])) {
        line("explain", tag + (company == null ? "" : ", " + company) + ", " + q[0]);
        while (rs.next()) {
          report.add("    " + rs.getString(1));
          System.out.println("    " + rs.getString(1));
        }
      }
    }
  }

  /** Interleaved rounds after a warm-up of a fifth as many; median and p95 per case. */
  private void measure(int rounds, Map<String, Supplier<Object>> cases) {
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
    times.forEach(
        (n, t) -> {
          long[] sorted = t.clone();
          Arrays.sort(sorted);
          line(
              "latency",
              String.format(
                  Locale.ROOT,
                  "%-34s median %8.2f ms  p95 %8.2f ms  (%d rounds)",
                  n,
                  sorted[sorted.length / 2] / 1e6,
                  sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
                  rounds));
        });
  }

  private void line(String what, String text) {
    report.add(String.format(Locale.ROOT, "%-8s %s", what, text));
    System.out.println(report.get(report.size() - 1));
  }
}
