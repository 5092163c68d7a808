package dev.ticketing.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.testsupport.DatabaseServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;

/**
 * A PostgreSQL database of its own whose schema has the hash-by-company layout ({@link
 * SchemaLayout#hashByCompany}), created anew once per test run: the scratch database {@code
 * partitioned} of the configured server. The store contracts run on it as on the plain layout.
 */
final class PartitionedTestDatabase {

  /** Few partitions, so that a test's companies share some and miss others. */
  static final int PARTITIONS = 4;

  private static TestDatabase.@org.jspecify.annotations.Nullable Started started;

  private PartitionedTestDatabase() {}

  static synchronized TestDatabase.Started start() {
    if (started == null) {
      DatabaseServer server = DatabaseServer.POSTGRESQL;
      String url = server.recreate(server.scratchName("partitioned"));
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(server.user());
      config.setPassword(server.password());
      config.setMaximumPoolSize(16);
      config.setConnectionTimeout(10_000);
      config.setPoolName("ticketing-test-partitioned");
      HikariDataSource ds = new HikariDataSource(config);
      try {
        TicketingSchema.migrate(ds, SchemaLayout.hashByCompany(PARTITIONS));
        started = new TestDatabase.Started(ds, TicketingPersistence.entityManagerFactory(ds));
      } catch (RuntimeException | Error e) {
        ds.close(); // a failed start leaves no pool holding connections
        throw e;
      }
    }
    return started;
  }

  /** A ticket store over the emptied database. */
  static JpaTicketStore emptyTicketStore() {
    empty(TicketingSchema.TABLES.toArray(String[]::new));
    return JpaTicketStore.resourceLocal(start().factory());
  }

  /** A store made on the database's transactions after emptying the given tables. */
  static <T> T emptyStore(Function<JpaTransactions, T> store, String... tables) {
    empty(tables);
    return store.apply(new ResourceLocalTransactions(start().factory()));
  }

  static void empty(String... tables) {
    try (Connection c = start().dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the partitioned database", e);
    }
  }
}
