package dev.ticketing.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.CustomFieldService;
import dev.ticketing.FieldCondition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.Ticketing;
import dev.ticketing.jpa.JpaFieldDefinitionStore;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A page of 20 tickets with 50 custom fields defined and values on every ticket, against the same
 * page before any field existed and against hand-written SQL, in one run on PostgreSQL.
 *
 * <p>The run loads the corpus as {@link LoadData} does (once), measures the plain pages, then
 * defines 50 fields (half shown to customers, every type), writes 50 values on every ticket (the
 * encoded column the page reads) and the typed rows of two of them (the side table a filter walks:
 * 2 rows per ticket, not 50, to keep the load within this machine's disk and time), and measures
 * the same pages again beside filters by a choice and by a number range. The hand-written SQL page is
 * measured in both phases, so drift of the machine between them shows.
 *
 * <p>Long because the run is one story (plain pages, fill, pages with fields, filters, plans), each
 * step with its hand-written SQL twin beside it. The plain page's and the
 * fields page's medians give the ratio the target bounds (1.5).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.ticketing.bench.CustomFieldsBench \
 *     --tickets 1000000 --database ticketing_bench --out fields.txt
 * }</pre>
 */
public final class CustomFieldsBench {

  private static final int FIELDS = 50;
  private static final Actor ADMIN = Actor.admin(Corpus.adminId(0));

  private final Options options;
  private final BenchDatabase db;
  private final List<String> report = new ArrayList<>();
  private HikariDataSource pool;
  private EntityManagerFactory emf;
  private Ticketing ticketing;

  private CustomFieldsBench(Options options) {
    this.options = options;
    this.db = options.database();
  }

  public static void main(String[] args) throws Exception {
    new CustomFieldsBench(Options.parse(args)).run();
  }

  private void run() throws Exception {
    if (db.vendor() != BenchDatabase.Vendor.POSTGRESQL) {
      throw new IllegalArgumentException("the custom fields benchmark runs on PostgreSQL");
    }
    line("database", db.url() + ", " + options.tickets() + " tickets");
    LoadData.Result load = LoadData.load(db, options.tickets(), options.force());
    line("load", load.note());
    pool = db.pool("bench-fields", 4);
    emf = TicketingPersistence.entityManagerFactory(pool);
    // -Dbench.reuseFields=true: keep the fields an earlier run defined and filled (the fill takes
    // about 20 minutes) and measure the second phase only; the plain phase needs them cleared.
    boolean reuse = Boolean.getBoolean("bench.reuseFields") && filledFields() == FIELDS;
    try {
      if (!reuse) {
        clearFields();
      }
      start();
      int rounds = options.quick() ? 20 : 200;
      Actor customer = Actor.customer(Corpus.customerId(0, 0), Corpus.companyId(0));
      Supplier<Object> adminPage =
          () ->
              ticketing
                  .service()
                  .ticketsPaginated(ADMIN, PageRequest.first(20), TicketFilter.none());
      Supplier<Object> customerPage =
          () ->
              ticketing
                  .service()
                  .ticketsPaginated(customer, PageRequest.first(20), TicketFilter.none());
      Supplier<Object> sqlPlain = () -> sqlPage(false);
      Map<String, double[]> plain =
          reuse
              ? null
              : measure(
                  rounds,
                  Map.of(
                      "admin page",
                      adminPage,
                      "customer page",
                      customerPage,
                      "SQL page",
                      sqlPlain));

      if (reuse) {
        line("fill", "reusing the 50 fields an earlier run defined and filled (no plain phase)");
      } else {
        long t0 = System.nanoTime();
        defineFields();
        fillValues();
        line(
            "fill",
            String.format(
                Locale.ROOT,
                "50 fields defined and filled in %.0f s",
                (System.nanoTime() - t0) / 1e9));
      }
      check();
      Supplier<Object> sqlFields = () -> sqlPage(true);
      TicketFilter byChoice =
          TicketFilter.builder().fields(List.of(FieldCondition.equalTo("f05", "c3"))).build();
      TicketFilter byRange =
          TicketFilter.builder().fields(List.of(FieldCondition.between("f01", 100, 102))).build();
      Map<String, Supplier<Object>> second = new LinkedHashMap<>();
      second.put("admin page", adminPage);
      second.put("customer page", customerPage);
      // The stores wired with units of work of their own: the definitions are read in a second
      // transaction, as every customer page did before they were read beside the rows.
      Ticketing apart = apart();
      second.put(
          "customer page, stores apart",
          () ->
              apart
                  .service()
                  .ticketsPaginated(customer, PageRequest.first(20), TicketFilter.none()));
      second.put("SQL page", sqlPlain);
      second.put("SQL page with field_values", sqlFields);
      second.put(
          "admin page, f05 = c3",
          () -> ticketing.service().ticketsPaginated(ADMIN, PageRequest.first(20), byChoice));
      second.put("SQL, f05 = c3", () -> sqlFilter("text_value = ?", "c3", null));
      second.put(
          "admin page, f01 in [100, 102]",
          () -> ticketing.service().ticketsPaginated(ADMIN, PageRequest.first(20), byRange));
      second.put(
          "SQL, f01 in [100, 102]",
          () -> sqlFilter("number_value >= ? and number_value <= ?", 100, 102));
      Map<String, double[]> withFields = measure(rounds, second);

      line(
          "ratio",
          String.format(
              Locale.ROOT,
              "customer page %.2f ms vs admin page %.2f ms, both with 50 fields = %.2fx",
              withFields.get("customer page")[0],
              withFields.get("admin page")[0],
              withFields.get("customer page")[0] / withFields.get("admin page")[0]));
      for (String page :
          plain == null ? List.<String>of() : List.of("admin page", "customer page")) {
        double before = plain.get(page)[0];
        double after = withFields.get(page)[0];
        line(
            "ratio",
            String.format(
                Locale.ROOT,
                "%s: 50 fields %.2f ms vs plain %.2f ms (median) = %.2fx (target <= 1.5x)",
                page,
                after,
                before,
                after / before));
      }
      line(
          "ratio",
          String.format(
              Locale.ROOT,
              "SQL page: %.2f ms in the plain phase, %.2f ms in the fields phase (machine drift);"
                  + " with field_values %.2f ms",
              plain == null ? Double.NaN : plain.get("SQL page")[0],
              withFields.get("SQL page")[0],
              withFields.get("SQL page with field_values")[0]));
      explain("text_value = 'c3'", "f05");
      explain("number_value >= 100 and number_value <= 102", "f01");
    } finally {
      if (ticketing != null) {
        ticketing.close();
      }
      emf.close();
      pool.close();
    }
    report.forEach(System.out::println);
    if (options.out() != null) {
      Files.write(Path.of(options.out()), report);
    }
  }

  private int filledFields() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(distinct field_key) from ticketing_field_definition where exists"
                    + " (select 1 from ticketing_ticket where field_values is not null)")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private Ticketing apart() {
    return Ticketing.builder()
        .store(JpaTicketStore.resourceLocal(emf))
        .fieldDefinitions(JpaFieldDefinitionStore.resourceLocal(emf))
        .directory(Corpus.directory())
        .backgroundDispatch(false)
        .backgroundSweep(false)
        .build();
  }

  private void start() {
    // One unit of work for both stores, as a host wires them: a customer's page reads the
    // definitions beside its rows.
    JpaTicketStore store = JpaTicketStore.resourceLocal(emf);
    ticketing =
        Ticketing.builder()
            .store(store)
            .fieldDefinitions(new JpaFieldDefinitionStore(store.transactions()))
            .directory(Corpus.directory())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
  }

  private void clearFields() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.executeUpdate("delete from ticketing_ticket_field");
      s.executeUpdate("delete from ticketing_field_definition");
      int cleared =
          s.executeUpdate(
              "update ticketing_ticket set field_values = null where field_values is not null");
      if (cleared > 0) {
        s.execute("vacuum analyze ticketing_ticket");
      }
    }
  }

  /** Field {@code i}'s type: every type, in turn. */
  private static FieldType type(int i) {
    return switch (i % 7) {
      case 0 -> FieldType.TEXT;
      case 1 -> FieldType.NUMBER;
      case 2 -> FieldType.DECIMAL;
      case 3 -> FieldType.DATE;
      case 4 -> FieldType.BOOLEAN;
      case 5 -> FieldType.CHOICE;
      default -> FieldType.MULTI_CHOICE;
    };
  }

  private static String key(int i) {
    return String.format(Locale.ROOT, "f%02d", i);
  }

  private void defineFields() {
    CustomFieldService fields = ticketing.fields();
    for (int i = 0; i < FIELDS; i++) {
      FieldSpec spec =
          FieldSpec.of(key(i), "Field " + i, type(i))
              .withVisibility(i % 2 == 0 ? FieldVisibility.CUSTOMERS : FieldVisibility.STAFF);
      if (type(i) == FieldType.CHOICE) {
        spec = spec.withChoices("c0", "c1", "c2", "c3", "c4");
      } else if (type(i) == FieldType.MULTI_CHOICE) {
        spec = spec.withChoices("m0", "m1", "m2", "m3", "m4");
      }
      fields.define(ADMIN, spec);
    }
  }

  /** The SQL of field {@code i}'s value of the ticket row, derived from its id. */
  private static String valueSql(int i) {
    String h = "abs(hashtext(id || '" + i + "'))";
    return switch (type(i)) {
      case TEXT -> "'customer reference ' || (" + h + " % 100000)";
      case NUMBER -> "(" + h + " % 1000)::text";
      case DECIMAL -> "trim_scale((" + h + " % 100000) / 100.0)::text";
      case DATE -> "(date '2026-01-01' + " + h + " % 365)::text";
      case BOOLEAN -> "case when " + h + " % 2 = 0 then 'true' else 'false' end";
      case CHOICE -> "'c' || (" + h + " % 5)";
      default -> "'m0' || chr(9) || 'm' || (1 + " + h + " % 4)";
    };
  }

  private void fillValues() throws SQLException {
    StringBuilder lines = new StringBuilder("concat_ws(chr(10)");
    for (int i = 0; i < FIELDS; i++) {
      lines
          .append(", '")
          .append(key(i))
          .append("' || chr(9) || '")
          .append(type(i).name())
          .append("' || chr(9) || ")
          .append(valueSql(i));
    }
    lines.append(")");
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.executeUpdate("update ticketing_ticket set field_values = " + lines);
      // The typed rows of the two fields the filters use.
      s.executeUpdate(
          "insert into ticketing_ticket_field (ticket_id, company_id, field_key, item, text_value,"
              + " created_at) select id, company_id, 'f05', 0, "
              + valueSql(5)
              + ", created_at from ticketing_ticket");
      s.executeUpdate(
          "insert into ticketing_ticket_field (ticket_id, company_id, field_key, item, number_value,"
              + " created_at) select id, company_id, 'f01', 0, ("
              + valueSql(1)
              + ")::numeric, created_at from ticketing_ticket");
      s.execute("vacuum analyze ticketing_ticket");
      s.execute("vacuum analyze ticketing_ticket_field");
    }
  }

  /** The service reads what was written: every page ticket carries 50 values for the admin. */
  private void check() {
    TicketPage page =
        ticketing.service().ticketsPaginated(ADMIN, PageRequest.first(20), TicketFilter.none());
    page.nodes()
        .forEach(
            v -> {
              if (v.fields().size() != FIELDS) {
                throw new IllegalStateException("a ticket without its 50 values: " + v.id());
              }
            });
  }

  private Object sqlPage(boolean withFields) {
    String sql =
        "select p.*,"
            + " (select count(*) from ticketing_comment c where c.ticket_id = p.id),"
            + " (select count(*) from ticketing_comment c where c.ticket_id = p.id and c.internal = false),"
            + " (select max(c.created_at) from ticketing_comment c where c.ticket_id = p.id),"
            + " (select count(*) from ticketing_attachment a where a.ticket_id = p.id)"
            + " from (select t.id, t.company_id, t.created_by, t.title, t.description, t.status,"
            + " t.priority, t.category, t.assignee_id, t.created_at, t.updated_at, t.version,"
            + " t.requester_id, t.tags"
            + (withFields ? ", t.field_values" : "")
            + " from ticketing_ticket t where t.deleted_at is null"
            + " order by t.created_at desc, t.id desc limit 21) p order by p.created_at desc, p.id desc";
    return query(sql);
  }

  private Object sqlFilter(String condition, Object a, Object b) {
    String sql =
        "select t.id, t.title, t.created_at, t.field_values from ticketing_ticket t"
            + " where t.deleted_at is null and exists (select 1 from ticketing_ticket_field f"
            + " where f.ticket_id = t.id and f.field_key = ? and f."
            + condition
            + ") order by t.created_at desc, t.id desc limit 21";
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, condition.startsWith("text") ? "f05" : "f01");
      p.setObject(2, a);
      if (b != null) {
        p.setObject(3, b);
      }
      return consume(p);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object query(String sql) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      return consume(p);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int consume(PreparedStatement p) throws SQLException {
    int rows = 0;
    try (ResultSet rs = p.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }

  private void explain(String condition, String key) throws SQLException {
    String sql =
        "explain (analyze, costs off) select t.id from ticketing_ticket t where t.deleted_at is null"
            + " and exists (select 1 from ticketing_ticket_field f where f.ticket_id = t.id"
            + " and f.field_key = '"
            + key
            + "' and f."
            + condition
            + ") order by t.created_at desc, t.id desc limit 21";
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      line("explain", key + " " + condition);
      while (rs.next()) {
        report.add("    " + rs.getString(1));
      }
    }
  }

  /**
   * Interleaved rounds (each case once per round, in turn), after a warm-up of a fifth as many;
   * per case the median and p95 in milliseconds, reported and returned as {median, p95}.
   */
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

  private void line(String what, String text) {
    report.add(String.format(Locale.ROOT, "%-8s %s", what, text));
    System.out.println(report.get(report.size() - 1));
  }
}
