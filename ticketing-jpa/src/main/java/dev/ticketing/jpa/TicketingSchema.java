package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store's schema: versioned Flyway migrations shipped in this jar, one set per database
 * (PostgreSQL, MariaDB, H2). They keep their own history table, {@code
 * ticketing_schema_history}, so they live beside a host's own migrations in the same schema.
 *
 * @since 0.1.0
 */
public final class TicketingSchema {

  /** The history table of the ticketing migrations. */
  public static final String HISTORY_TABLE = "ticketing_schema_history";

  /**
   * Every table of the store, children before parents: the order in which a host's integration
   * tests empty them between tests ({@code delete from} each, without disabling constraints).
   *
   * @since 0.2.0
   */
  public static final List<String> TABLES =
      List.of(
          "ticketing_idempotency_key",
          "ticketing_object_deletion",
          "ticketing_outbox_data",
          "ticketing_outbox",
          "ticketing_audit_change",
          "ticketing_audit_entry",
          "ticketing_upload_grant",
          "ticketing_attachment",
          "ticketing_comment",
          "ticketing_ticket");

  private TicketingSchema() {}

  /** Which migration set a database uses. */
  public enum Vendor {
    POSTGRESQL("postgresql"),
    MARIADB("mariadb"),
    H2("h2");

    private final String folder;

    Vendor(String folder) {
      this.folder = folder;
    }

    /** The class-path location of this vendor's scripts. */
    public String location() {
      return "classpath:dev/ticketing/jpa/migration/" + folder;
    }

    /** The vendor of the database behind the data source. */
    public static Vendor of(DataSource dataSource) {
      try (Connection c = dataSource.getConnection()) {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
          return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
          return MARIADB;
        }
        if (product.contains("h2")) {
          return H2;
        }
        throw new IllegalStateException(
            "ticketing has no migrations for " + product + "; supported: PostgreSQL, MariaDB, H2");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the database product name", e);
      }
    }
  }

  /**
   * Brings the schema up to date.
   *
   * <p>When the history table already records every migration this jar ships, all successful,
   * nothing more is done: Flyway is not even loaded, which keeps it off the start-up of every
   * application start but the first after an upgrade. Flyway's check of the applied scripts'
   * checksums is then left to {@link #flyway}{@code .validate()}, on demand; the shipped scripts
   * never change once released.
   *
   * @param dataSource the database to migrate
   * @return how many migrations ran
   */
  public static int migrate(DataSource dataSource) {
    if (SchemaCurrency.upToDate(dataSource, Vendor.of(dataSource))) {
      return 0;
    }
    return flyway(dataSource).migrate().migrationsExecuted;
  }

  /** The Flyway instance for the ticketing migrations, for hosts that drive Flyway themselves. */
  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(Vendor.of(dataSource).location())
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
