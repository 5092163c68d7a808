package dev.ticketing.adversarial;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The real servers of this machine, each with a database of this suite's own ({@code
 * ticketing_adversarial}, or {@code <database>_adversarial} when the URL names another database than
 * {@code ticketing_test}; created on first use), so that the suite never touches the tables of
 * other modules' tests. Connection settings come from the same environment variables as the other
 * modules' tests (the database name in the URL is replaced). A server that cannot be reached fails
 * the test: it is never skipped.
 */
enum Db {
  POSTGRESQL(
      env("TICKETING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/ticketing_test"),
      env("TICKETING_PG_USER", "postgres"),
      env("TICKETING_PG_PASSWORD", "")),
  MARIADB(
      env("TICKETING_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/ticketing_test"),
      env("TICKETING_MARIADB_USER", "root"),
      env("TICKETING_MARIADB_PASSWORD", ""));

  /** The suite's database against the default {@code ticketing_test}. */
  static final String DATABASE = "ticketing_adversarial";

  /** Every table of the store, children before parents. */
  static final List<String> TABLES =
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
          "ticketing_ticket");

  private static final Map<Db, Started> STARTED = new ConcurrentHashMap<>();
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final String url;
  private final String database;
  private final String user;
  private final String password;

  Db(String configuredUrl, String user, String password) {
    this.database = databaseFor(configuredUrl);
    this.url = withDatabase(configuredUrl, database);
    this.user = user;
    this.password = password;
  }

  /**
   * {@link #DATABASE} against the default {@code ticketing_test}; after the configured database
   * otherwise ({@code ticketing_x_adversarial}), so that runs pointed at different databases never
   * empty each other's tables.
   */
  private static String databaseFor(String configuredUrl) {
    int slash = configuredUrl.lastIndexOf('/');
    int query = configuredUrl.indexOf('?', slash);
    String configured =
        query < 0 ? configuredUrl.substring(slash + 1) : configuredUrl.substring(slash + 1, query);
    return configured.equals("ticketing_test") ? DATABASE : configured + "_adversarial";
  }

  record Started(HikariDataSource dataSource, EntityManagerFactory factory) {}

  /** The migrated database, started on first use and kept for the run. */
  Started start() {
    return STARTED.computeIfAbsent(this, Db::boot);
  }

  /** A store on the shared pool. */
  JpaTicketStore newStore() {
    return JpaTicketStore.resourceLocal(start().factory());
  }

  /** A pool, factory and store of their own, seeing the pool through {@code wrap}; close after use. */
  Instance instance(int poolSize, UnaryOperator<DataSource> wrap) {
    start();
    HikariDataSource pool = pool(poolSize, "adversarial-instance-" + POOLS.incrementAndGet());
    try {
      EntityManagerFactory factory = TicketingPersistence.entityManagerFactory(wrap.apply(pool));
      return new Instance(pool, factory, JpaTicketStore.resourceLocal(factory));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** A second "application instance" on the same database. */
  record Instance(HikariDataSource pool, EntityManagerFactory factory, JpaTicketStore store)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        factory.close();
      } finally {
        pool.close();
      }
    }
  }

  /** Deletes every row of the store's tables. */
  void truncate() {
    try (Connection c = start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + this, e);
    }
  }

  /**
   * Everything in the store's tables, row by row in key order, as text: two equal fingerprints mean
   * that not a single value changed in between.
   */
  Map<String, List<List<Object>>> fingerprint() {
    Map<String, List<List<Object>>> out = new LinkedHashMap<>();
    for (String table : TABLES) {
      out.put(
          table,
          query("select * from " + table + " order by 1, 2").stream()
              .map(
                  row ->
                      row.stream()
                          .map(v -> (Object) (v == null ? null : String.valueOf(v)))
                          .toList())
              .toList());
    }
    return out;
  }

  long number(String sql, Object... params) {
    return ((Number) query(sql, params).get(0).get(0)).longValue();
  }

  List<List<Object>> query(String sql, Object... params) {
    try (Connection c = start().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        List<List<Object>> out = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(columns);
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + " on " + this, e);
    }
  }

  /** A text column exactly as the database returns it, through JDBC, beside the store. */
  String text(String sql, Object... params) {
    return (String) query(sql, params).get(0).get(0);
  }

  private Started boot() {
    createDatabaseIfMissing();
    HikariDataSource ds = pool(16, "adversarial-" + name().toLowerCase());
    TicketingSchema.migrate(ds);
    return new Started(ds, TicketingPersistence.entityManagerFactory(ds));
  }

  private HikariDataSource pool(int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  private void createDatabaseIfMissing() {
    String admin = withDatabase(url, this == POSTGRESQL ? "postgres" : "");
    try (Connection c = DriverManager.getConnection(admin, user, password);
        Statement s = c.createStatement()) {
      if (this == POSTGRESQL) {
        try (ResultSet rs =
            s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
          if (!rs.next()) {
            s.executeUpdate("create database " + database);
          }
        }
      } else {
        s.executeUpdate(
            "create database if not exists "
                + database
                + " character set utf8mb4 collate utf8mb4_bin");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          this
              + " is not reachable at "
              + admin
              + " (start it, or set the TICKETING_* "
              + "environment variables); the adversarial suite fails rather than skips",
          e);
    }
  }

  /** The JDBC URL with another database name (query parameters kept). */
  static String withDatabase(String jdbcUrl, String database) {
    int slash = jdbcUrl.lastIndexOf('/');
    int query = jdbcUrl.indexOf('?', slash);
    return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
