package dev.ticketing.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;

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
          "ticketing_counter",
          "ticketing_field_definition",
          "ticketing_ticket_field",
          "ticketing_agent",
          "ticketing_rating",
          "ticketing_macro",
          "ticketing_mail_inbound",
          "ticketing_mail_sent",
          "ticketing_automation_firing",
          "ticketing_automation_clock",
          "ticketing_automation_rule_version",
          "ticketing_automation_rule",
          "ticketing_sla_clock",
          "ticketing_ticket_link",
          "ticketing_ticket_merge",
          "ticketing_idempotency_key",
          "ticketing_object_deletion",
          "ticketing_outbox_data",
          "ticketing_outbox",
          "ticketing_audit_change",
          "ticketing_audit_entry",
          "ticketing_upload_grant",
          "ticketing_attachment",
          "ticketing_comment",
          "ticketing_ticket_tag",
          "ticketing_ticket");

  private TicketingSchema() {}

  /** Which migration set a database uses. */
  public enum Vendor {
    /** PostgreSQL. */
    POSTGRESQL("postgresql"),
    /** MariaDB (a database that reports itself as MySQL gets these scripts too). */
    MARIADB("mariadb"),
    /** H2, for tests and examples. */
    H2("h2");

    private final String folder;

    Vendor(String folder) {
      this.folder = folder;
    }

    /**
     * The class-path location of this vendor's scripts.
     *
     * @return the location, as Flyway reads it
     */
    public String location() {
      return "classpath:dev/ticketing/jpa/migration/" + folder;
    }

    /**
     * The vendor of the database behind the data source.
     *
     * @param dataSource the data source
     * @return its vendor
     */
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
   * @throws IllegalStateException when Flyway lacks the module of the database (for example {@code
   *     org.flywaydb:flyway-database-postgresql}); the message names the one to add
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, SchemaLayout.PLAIN);
  }

  /**
   * Brings the schema up to date, creating it in the given layout when it is new. The layout of an
   * existing schema stays what it was created with; later migrations apply to either. Asking for
   * the partitioned layout on a database whose tickets are not partitioned fails, rather than run
   * quietly on another layout than the host planned for.
   *
   * @param dataSource the data source of the ticketing tables
   * @param layout {@link SchemaLayout#PLAIN} or {@link SchemaLayout#hashByCompany(int)}
   * @return how many migrations ran
   * @throws IllegalArgumentException when a partitioned layout is asked of a database other than
   *     PostgreSQL
   * @throws IllegalStateException when a partitioned layout is asked of a schema created plain
   * @since 0.2.0
   */
  public static int migrate(DataSource dataSource, SchemaLayout layout) {
    Vendor vendor = Vendor.of(dataSource);
    int ran;
    if (SchemaCurrency.upToDate(dataSource, vendor)) {
      ran = 0;
    } else {
      try {
        ran = flyway(dataSource, layout).migrate().migrationsExecuted;
      } catch (FlywayException e) {
        throw explained(e, dataSource);
      }
    }
    if (layout.partitioned() && !SchemaLayouts.ticketsPartitioned(dataSource)) {
      throw new IllegalStateException(
          "the ticketing tables of this database were created without partitions; the layout is"
              + " chosen when the schema is created (see docs/scaling.md to convert one)");
    }
    return ran;
  }

  /**
   * The Flyway instance for the ticketing migrations, for hosts that drive Flyway themselves. On
   * PostgreSQL, when {@code pg_trgm} is installed in a schema that is not on the connection's
   * search path (a managed database's {@code extensions} schema, say), the migrations' connection
   * gets that schema appended to its search path, so that the trigram indexes find {@code
   * gin_trgm_ops}.
   *
   * @param dataSource the data source of the ticketing tables
   * @return the configured Flyway
   */
  public static Flyway flyway(DataSource dataSource) {
    return flyway(dataSource, SchemaLayout.PLAIN);
  }

  /**
   * {@link #flyway(DataSource)} creating a new schema in the given layout: on PostgreSQL the
   * migrations' connection gets the settings {@code ticketing.layout} and {@code
   * ticketing.partitions}, which the migration adding the company to every row of a ticket reads.
   *
   * @param dataSource the data source of the ticketing tables
   * @param layout {@link SchemaLayout#PLAIN} or {@link SchemaLayout#hashByCompany(int)}
   * @return the configured Flyway
   * @throws IllegalArgumentException when a partitioned layout is asked of a database other than
   *     PostgreSQL
   * @since 0.2.0
   */
  public static Flyway flyway(DataSource dataSource, SchemaLayout layout) {
    Vendor vendor = Vendor.of(dataSource);
    if (layout.partitioned() && vendor != Vendor.POSTGRESQL) {
      throw new IllegalArgumentException(
          "the hash-partitioned layout is offered on PostgreSQL only, not on " + vendor);
    }
    FluentConfiguration config =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(vendor.location())
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (vendor == Vendor.POSTGRESQL) {
      List<String> settings = new java.util.ArrayList<>();
      String trigramSchema = trigramSchemaOffThePath(dataSource);
      if (trigramSchema != null) {
        // Appended, never prepended: the history table and the tables stay in the current schema.
        settings.add(
            "set_config('search_path', current_setting('search_path') || ', ' || "
                + "quote_ident('"
                + trigramSchema.replace("'", "''")
                + "'), false)");
      }
      if (layout.partitioned()) {
        settings.add("set_config('ticketing.layout', 'hash_by_company', false)");
        settings.add("set_config('ticketing.partitions', '" + layout.partitions() + "', false)");
      }
      if (!settings.isEmpty()) {
        config.initSql("select " + String.join(", ", settings));
      }
    }
    return config.load();
  }

  /** The schema pg_trgm is installed in when it is not on the search path; null otherwise. */
  private static @Nullable String trigramSchemaOffThePath(DataSource dataSource) {
    String sql =
        "select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
            + " where e.extname = 'pg_trgm' and n.nspname <> all (current_schemas(true))";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read where pg_trgm is installed", e);
    }
  }

  /** Flyway's "Unsupported Database" names no fix: this one does. */
  private static RuntimeException explained(FlywayException e, DataSource dataSource) {
    String message = String.valueOf(e.getMessage());
    if (!message.contains("Unsupported Database")) {
      return e;
    }
    String module =
        switch (Vendor.of(dataSource)) {
          case POSTGRESQL -> "org.flywaydb:flyway-database-postgresql";
          case MARIADB -> "org.flywaydb:flyway-mysql";
          case H2 -> "org.flywaydb:flyway-core of a version that supports this H2";
        };
    return new IllegalStateException(
        message
            + ": Flyway needs its database module to run the ticketing migrations; add the"
            + " dependency "
            + module
            + " (ticketing-spring-boot-starter-jpa brings the PostgreSQL and MariaDB ones)",
        e);
  }
}
