package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain-JDBC look at a test database, beside the store: what is really in the tables. */
final class Rows {
  static final List<String> TABLES =
      List.of(
          "ticketing_ticket",
          "ticketing_ticket_tag",
          "ticketing_comment",
          "ticketing_attachment",
          "ticketing_upload_grant",
          "ticketing_audit_entry",
          "ticketing_audit_change",
          "ticketing_outbox",
          "ticketing_outbox_data",
          "ticketing_object_deletion",
          "ticketing_idempotency_key");

  private Rows() {}

  /** Row count of every table of the store. */
  static Map<String, Long> counts(TestDatabase db) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : TABLES) {
      out.put(table, number(db, "select count(*) from " + table));
    }
    return out;
  }

  static long number(TestDatabase db, String sql, Object... params) {
    List<List<Object>> rows = query(db, sql, params);
    return ((Number) rows.get(0).get(0)).longValue();
  }

  static List<List<Object>> query(TestDatabase db, String sql, Object... params) {
    try (Connection c = db.start().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        List<List<Object>> out = new java.util.ArrayList<>();
        while (rs.next()) {
          List<Object> row = new java.util.ArrayList<>(columns);
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + " on " + db, e);
    }
  }
}
