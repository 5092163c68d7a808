package dev.ticketing.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rebuilds the ticket counters of a corpus loaded in SQL (around the engine): the counting
 * statement of the migration that created them, after emptying them. The corpus loader and the
 * harness's clean-up write tickets without the engine, so every run rebuilds them before it reads.
 */
final class CounterBackfill {

  private static final String ACTIVE =
      "('OPEN', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER', 'REOPENED')";

  private CounterBackfill() {}

  static void rebuild(Connection c, BenchDatabase.Vendor vendor) throws SQLException {
    String folder = vendor == BenchDatabase.Vendor.POSTGRESQL ? "postgresql" : "mariadb";
    String script;
    try (InputStream in =
        CounterBackfill.class.getResourceAsStream(
            "/dev/ticketing/jpa/migration/" + folder + "/V19__ticket_counters.sql")) {
      if (in == null) {
        throw new IllegalStateException("the counters migration is not on the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String insert = script.substring(script.indexOf("insert into ticketing_counter"));
    insert = insert.substring(0, insert.lastIndexOf(';'));
    if (vendor == BenchDatabase.Vendor.POSTGRESQL) {
      // The migration's statement reads the tickets seven times (minutes at ten million): the same
      // keys from one read. Tags, which the corpus does not have, are counted as the migration
      // does.
      insert =
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
    }
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement()) {
      if (vendor == BenchDatabase.Vendor.POSTGRESQL) {
        // Ten million tickets give tens of millions of rows to group: room to hash them in memory.
        s.execute("set work_mem = '256MB'");
      }
      s.executeUpdate("delete from ticketing_counter");
      int rows = s.executeUpdate(insert);
      if (vendor == BenchDatabase.Vendor.POSTGRESQL) {
        s.execute("reset work_mem");
      }
      LoadData.log(
          "rebuilt %d counter rows from the tickets in %.1f s",
          rows, (System.nanoTime() - t0) / 1e9);
    }
  }
}
