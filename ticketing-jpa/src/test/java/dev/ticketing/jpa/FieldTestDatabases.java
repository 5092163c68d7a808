package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The field definition table of the test databases, emptied for each definition store contract test. */
final class FieldTestDatabases {

  private FieldTestDatabases() {}

  /** A store over the database's emptied definition table. */
  static JpaFieldDefinitionStore emptyStore(TestDatabase db) {
    try (Connection c = db.start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from ticketing_field_definition");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the field definitions of " + db, e);
    }
    return new JpaFieldDefinitionStore(new ResourceLocalTransactions(db.start().factory()));
  }
}
