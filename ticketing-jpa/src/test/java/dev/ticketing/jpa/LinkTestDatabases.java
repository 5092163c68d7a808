package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The link tables of the test databases, emptied for a contract run that shares them with nothing. */
final class LinkTestDatabases {

  private LinkTestDatabases() {}

  /** A store over the database's emptied link and merge tables. */
  static JpaLinkStore emptyStore(TestDatabase db) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from ticketing_ticket_link");
      s.executeUpdate("delete from ticketing_ticket_merge");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the links of " + db, e);
    }
    return new JpaLinkStore(new ResourceLocalTransactions(db.start().factory()));
  }
}
