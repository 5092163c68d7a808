package dev.ticketing.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the JPA store is tested on: an H2 in memory, and the PostgreSQL and MariaDB that
 * run on every machine of this project. Connection settings come from environment variables
 * (defaults: the local servers, user postgres / root without password, database ticketing_test).
 * A database that cannot be reached fails the test: it is never skipped.
 *
 * <p>Each database is migrated once per test run; {@link #truncate()} empties it between tests.
 */
public enum TestDatabase {
  H2("jdbc:h2:mem:ticketing_test;DB_CLOSE_DELAY=-1", "sa", ""),
  POSTGRESQL(
      env("TICKETING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/ticketing_test"),
      env("TICKETING_PG_USER", "postgres"),
      env("TICKETING_PG_PASSWORD", "")),
  MARIADB(
      env("TICKETING_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/ticketing_test"),
      env("TICKETING_MARIADB_USER", "root"),
      env("TICKETING_MARIADB_PASSWORD", ""));

  private static final Map<TestDatabase, Started> STARTED = new ConcurrentHashMap<>();

  private final String url;
  private final String user;
  private final String password;

  TestDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** What a started database offers: a pool, the store's entity manager factory. */
  public record Started(HikariDataSource dataSource, EntityManagerFactory factory) {}

  /** The migrated database (started on first use and kept for the run). */
  public Started start() {
    return STARTED.computeIfAbsent(this, TestDatabase::boot);
  }

  /** A new store over the started database. */
  public JpaTicketStore newStore() {
    return JpaTicketStore.resourceLocal(start().factory());
  }

  /** A separate pool, factory and store: a second "application instance" on the same database. */
  public JpaTicketStore newInstance(int poolSize) {
    HikariDataSource ds = pool(poolSize);
    return JpaTicketStore.resourceLocal(TicketingPersistence.entityManagerFactory(ds));
  }

  /** Deletes every row of the store's tables. */
  public void truncate() {
    try (Connection c = start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table :
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
              "ticketing_ticket_tag",
              "ticketing_ticket")) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + this, e);
    }
  }

  private Started boot() {
    createDatabaseIfMissing();
    HikariDataSource ds = pool(16);
    TicketingSchema.migrate(ds);
    return new Started(ds, TicketingPersistence.entityManagerFactory(ds));
  }

  private HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setPoolName("ticketing-test-" + name().toLowerCase());
    return new HikariDataSource(config);
  }

  /** Developers need not create the test databases by hand; CI creates them too. */
  private void createDatabaseIfMissing() {
    if (this == H2) {
      return;
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    String name = query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
    String admin = url.substring(0, slash + 1) + (this == POSTGRESQL ? "postgres" : "");
    try (Connection c = DriverManager.getConnection(admin, user, password);
        Statement s = c.createStatement()) {
      if (this == POSTGRESQL) {
        var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
        if (!rs.next()) {
          s.executeUpdate("create database " + name);
        }
      } else {
        s.executeUpdate(
            "create database if not exists " + name + " character set utf8mb4 collate utf8mb4_bin");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          this
              + " is not reachable at "
              + url
              + " (start it, or set the TICKETING_* "
              + "environment variables); database tests fail rather than skip",
          e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
