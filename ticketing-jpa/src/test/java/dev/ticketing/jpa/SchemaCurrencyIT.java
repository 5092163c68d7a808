package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A start on a schema that has every shipped migration does not run Flyway; any other history
 * does, so nothing is skipped that Flyway would have applied or refused.
 */
class SchemaCurrencyIT {

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aMigratedDatabaseIsUpToDateAndMigratesNothing(TestDatabase db) {
    DataSource ds = db.start().dataSource(); // migrated once when the database started
    assertThat(SchemaCurrency.upToDate(ds, TicketingSchema.Vendor.of(ds))).isTrue();
    assertThat(TicketingSchema.migrate(ds)).isZero();
    // Flyway, asked directly, agrees that nothing is pending.
    assertThat(TicketingSchema.flyway(ds).info().pending()).isEmpty();
  }

  @Test
  void anEmptyDatabaseIsNotUpToDateAndIsMigrated() {
    try (HikariDataSource ds = h2("currency_empty")) {
      assertThat(SchemaCurrency.upToDate(ds, TicketingSchema.Vendor.H2)).isFalse();
      assertThat(TicketingSchema.migrate(ds)).isPositive();
      assertThat(SchemaCurrency.upToDate(ds, TicketingSchema.Vendor.H2)).isTrue();
    }
  }

  @Test
  void aFailedMigrationInTheHistoryLeavesTheDecisionToFlyway() throws SQLException {
    try (HikariDataSource ds = h2("currency_failed")) {
      TicketingSchema.migrate(ds);
      execute(
          ds,
          "update \"ticketing_schema_history\" set \"success\" = false where \"version\" = '1'");
      assertThat(SchemaCurrency.upToDate(ds, TicketingSchema.Vendor.H2)).isFalse();
    }
  }

  @Test
  void aMissingOrUnknownVersionIsNotUpToDate() throws SQLException {
    try (HikariDataSource ds = h2("currency_versions")) {
      TicketingSchema.migrate(ds);
      // A version this jar does not ship: a newer library migrated the database.
      execute(
          ds,
          "insert into \"ticketing_schema_history\" (\"installed_rank\", \"version\", \"description\","
              + " \"type\", \"script\", \"installed_by\", \"execution_time\", \"success\")"
              + " values (1000, '999', 'from the future', 'SQL', 'V999__x.sql', 'sa', 0, true)");
      assertThat(SchemaCurrency.upToDate(ds, TicketingSchema.Vendor.H2)).isFalse();
      execute(ds, "delete from \"ticketing_schema_history\" where \"version\" in ('999', '1')");
      // A shipped version missing from the history.
      assertThat(SchemaCurrency.upToDate(ds, TicketingSchema.Vendor.H2)).isFalse();
    }
  }

  private static HikariDataSource h2(String name) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUsername("sa");
    return ds;
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
