package dev.ticketing.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.testsupport.DatabaseServer;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the JPA store is tested on: an H2 in memory, and the PostgreSQL and MariaDB that
 * run on every machine of this project, where {@link DatabaseServer} says (the TICKETING_*
 * environment variables; defaults: the local servers, database ticketing_test). A database that
 * cannot be reached fails the test: it is never skipped.
 *
 * <p>Each database is migrated once per test run; {@link #truncate()} empties it between tests.
 */
public enum TestDatabase {
  H2(DatabaseServer.H2),
  POSTGRESQL(DatabaseServer.POSTGRESQL),
  MARIADB(DatabaseServer.MARIADB);

  private static final Map<TestDatabase, Started> STARTED = new ConcurrentHashMap<>();

  private final DatabaseServer server;

  TestDatabase(DatabaseServer server) {
    this.server = server;
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
      for (String table : TicketingSchema.TABLES) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + this, e);
    }
  }

  private Started boot() {
    // Developers need not create the test databases by hand; CI creates them too.
    server.ensure(server.databaseName());
    HikariDataSource ds = pool(16);
    TicketingSchema.migrate(ds);
    return new Started(ds, TicketingPersistence.entityManagerFactory(ds));
  }

  private HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setPoolName("ticketing-test-" + name().toLowerCase());
    return new HikariDataSource(config);
  }
}
