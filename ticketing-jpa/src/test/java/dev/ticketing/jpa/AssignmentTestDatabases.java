package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The agents' table of the test databases, emptied for the assignment store contract. */
final class AssignmentTestDatabases {

  private AssignmentTestDatabases() {}

  /** A store over the database's emptied agents' table. */
  static JpaAssignmentStore emptyStore(TestDatabase db) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from ticketing_agent");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the agents of " + db, e);
    }
    return new JpaAssignmentStore(new ResourceLocalTransactions(db.start().factory()));
  }
}
