package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The SLA tables of the test databases: emptied here, since the ticket tables' truncate does not know them. */
final class SlaTestDatabases {

  private SlaTestDatabases() {}

  /** A store over the database's emptied clock table, sharing nothing with other stores. */
  static JpaSlaStore emptyStore(TestDatabase db) {
    empty(db);
    return new JpaSlaStore(new ResourceLocalTransactions(db.start().factory()));
  }

  static void empty(TestDatabase db) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from ticketing_sla_clock");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the clocks of " + db, e);
    }
  }
}
