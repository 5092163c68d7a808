package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The mail tables of the test databases, emptied before each contract test. */
final class MailTestDatabases {

  private MailTestDatabases() {}

  static JpaMailStore emptyStore(TestDatabase db) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from ticketing_mail_inbound");
      s.executeUpdate("delete from ticketing_mail_sent");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the mail tables of " + db, e);
    }
    return new JpaMailStore(new ResourceLocalTransactions(db.start().factory()));
  }
}
