package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The automation tables of the test databases, emptied for a store contract run. */
final class AutomationTestDatabases {

  private AutomationTestDatabases() {}

  /** A store over the database's emptied automation tables, sharing nothing with other stores. */
  static JpaAutomationStore emptyStore(TestDatabase db) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table :
          new String[] {
            "ticketing_automation_firing",
            "ticketing_automation_clock",
            "ticketing_automation_rule_version",
            "ticketing_automation_rule"
          }) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the automation tables of " + db, e);
    }
    return new JpaAutomationStore(new ResourceLocalTransactions(db.start().factory()));
  }
}
