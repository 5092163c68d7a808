package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The macro and rating tables of the test databases, emptied for each contract test. */
final class DeskTestDatabases {

  private DeskTestDatabases() {}

  static JpaMacroStore emptyMacroStore(TestDatabase db) {
    empty(db, "ticketing_macro");
    return new JpaMacroStore(new ResourceLocalTransactions(db.start().factory()));
  }

  static JpaRatingStore emptyRatingStore(TestDatabase db) {
    empty(db, "ticketing_rating");
    return new JpaRatingStore(new ResourceLocalTransactions(db.start().factory()));
  }

  private static void empty(TestDatabase db, String table) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from " + table);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + table + " of " + db, e);
    }
  }
}
