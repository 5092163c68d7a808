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
 * (V22), after emptying them. The corpus loader and the
 * harness's clean-up write tickets without the engine, so every run rebuilds them before it reads.
 */
final class CounterBackfill {

  private CounterBackfill() {}

  static void rebuild(Connection c, BenchDatabase.Vendor vendor) throws SQLException {
    String folder = vendor == BenchDatabase.Vendor.POSTGRESQL ? "postgresql" : "mariadb";
    String companies = insertOf(folder, "V19__ticket_counters.sql");
    String allCompanies = insertOf(folder, "V22__counters_of_all_companies.sql");
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.executeUpdate("delete from ticketing_counter");
      int rows = s.executeUpdate(companies);
      rows += s.executeUpdate(allCompanies);
      if (vendor == BenchDatabase.Vendor.POSTGRESQL && c.getAutoCommit()) {
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
