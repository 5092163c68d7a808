package dev.ticketing.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rebuilds the ticket counters of a corpus loaded in SQL (around the engine): the counting
 * statements of the migrations that created them (V19, each company's) and the all-companies set
 * (V22), after emptying them. The corpus loader and the harness's clean-up write tickets without
 * the engine, so every run rebuilds them before it reads.
 */
final class CounterBackfill {

  private static final String ACTIVE =
      "('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')";

  /**
   * The keys V19 counts, from one read of the tickets: V19's own statement reads them seven times,
   * minutes at ten million. Tags, which the corpus does not have, are counted as V19 does.
   */
  private static final String COMPANIES_IN_ONE_READ =
      "insert into ticketing_counter (company_id, counter_key, stripe, n)"
          + " select company_id, k, 0, count(*) from ("
          + " select t.company_id, v.k from ticketing_ticket t cross join lateral (values"
          + " (concat('s:', t.status)), (concat('p:', t.priority)),"
          + " (case when t.status in "
          + ACTIVE
          + " then concat('ap:', t.priority) end),"
          + " (case when t.assignee_id is not null then concat('a:', t.assignee_id) end),"
          + " (case when t.assignee_id is null then 'u' end),"
          + " (case when t.assignee_id is null and t.status in "
          + ACTIVE
          + " then 'au' end),"
          + " (concat('c:', t.category))) v(k)"
          + " where t.deleted_at is null and v.k is not null"
          + " union all select t.company_id, concat('t:', g.tag) k from ticketing_ticket_tag g"
          + " join ticketing_ticket t on t.id = g.ticket_id where t.deleted_at is null"
          + " union all select t.company_id, concat('at:', g.tag) k from ticketing_ticket_tag g"
          + " join ticketing_ticket t on t.id = g.ticket_id where t.deleted_at is null"
          + " and t.status in "
          + ACTIVE
          + ") x group by company_id, k";

  private CounterBackfill() {}

  static void rebuild(Connection c, BenchDatabase.Vendor vendor) throws SQLException {
    boolean postgres = vendor == BenchDatabase.Vendor.POSTGRESQL;
    String folder = postgres ? "postgresql" : "mariadb";
    String companies =
        postgres ? COMPANIES_IN_ONE_READ : insertOf(folder, "V19__ticket_counters.sql");
    String allCompanies = insertOf(folder, "V22__counters_of_all_companies.sql");
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement()) {
      if (postgres) {
        // Ten million tickets give tens of millions of rows to group: room to hash them in memory.
        s.execute("set work_mem = '256MB'");
      }
      s.executeUpdate("delete from ticketing_counter");
      int rows = s.executeUpdate(companies);
      rows += s.executeUpdate(allCompanies);
      if (postgres) {
        s.execute("reset work_mem");
      }
      if (postgres && c.getAutoCommit()) {
        // Emptied and filled at once, the table holds a dead version of every row until autovacuum
        // comes: a read of ten counters then visits hundreds of heap pages. A desk's counter table
        // never sees that (rows are updated in place), so the harness cleans up what it did.
        s.execute("vacuum analyze ticketing_counter");
      }
      LoadData.log(
          "rebuilt %d counter rows (the all-companies set included) from the tickets in %.1f s",
          rows, (System.nanoTime() - t0) / 1e9);
    }
  }

  /** The counting statement of a migration: from its insert into the counters to its end. */
  private static String insertOf(String folder, String migration) {
    String script;
    try (InputStream in =
        CounterBackfill.class.getResourceAsStream(
            "/dev/ticketing/jpa/migration/" + folder + "/" + migration)) {
      if (in == null) {
        throw new IllegalStateException(migration + " is not on the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String insert = script.substring(script.indexOf("insert into ticketing_counter"));
    return insert.substring(0, insert.lastIndexOf(';'));
  }
}
