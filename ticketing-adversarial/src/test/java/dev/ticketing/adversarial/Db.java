package dev.ticketing.adversarial;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import dev.ticketing.testsupport.DatabaseServer;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
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
 * The real servers of this machine, each with a database of this suite's own (the {@link
 * DatabaseServer#scratchName scratch database} {@code adversarial}: {@code ticketing_adversarial}
 * against the default {@code ticketing_test}; created on first use), so that the suite never touches
 * the tables of other modules' tests. A server that cannot be reached fails the test: it is never
 * skipped.
 */
enum Db {
  POSTGRESQL(DatabaseServer.POSTGRESQL),
  MARIADB(DatabaseServer.MARIADB);

  /** Every table of the store, children before parents. */
  static final List<String> TABLES = TicketingSchema.TABLES;

  private static final Map<Db, Started> STARTED = new ConcurrentHashMap<>();
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final DatabaseServer server;
  private final String database;
  private final String url;

  Db(DatabaseServer server) {
    this.server = server;
    this.database = server.scratchName("adversarial");
    this.url = server.urlOf(database);
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
    server.ensure(database);
    HikariDataSource ds = pool(16, "adversarial-" + name().toLowerCase());
    TicketingSchema.migrate(ds);
    return new Started(ds, TicketingPersistence.entityManagerFactory(ds));
  }

  private HikariDataSource pool(int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }
}
