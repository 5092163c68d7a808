package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** What layout a PostgreSQL schema was created with, read from the catalog. */
final class SchemaLayouts {
  private SchemaLayouts() {}

  /** Whether ticketing_ticket is a partitioned table (false on other databases). */
  static boolean ticketsPartitioned(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select relkind from pg_class where oid = to_regclass('ticketing_ticket')")) {
      return rs.next() && "p".equals(rs.getString(1));
    } catch (SQLException e) {
      return false;
    }
  }
}
