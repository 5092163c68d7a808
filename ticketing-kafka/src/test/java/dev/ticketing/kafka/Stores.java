package dev.ticketing.kafka;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.testsupport.DatabaseServer;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Supplier;

/** The stores the event tests run on: in memory, and PostgreSQL through the JPA store. */
enum Stores {
  IN_MEMORY(InMemoryTicketStore::new),
  POSTGRESQL(Stores::postgres);

  private static volatile EntityManagerFactory factory;
  private static volatile HikariDataSource pool;

  private final Supplier<TicketStore> fresh;

  Stores(Supplier<TicketStore> fresh) {
    this.fresh = fresh;
  }

  /** An empty store. */
  TicketStore fresh() {
    return fresh.get();
  }

  private static synchronized TicketStore postgres() {
    if (factory == null) {
      DatabaseServer server = DatabaseServer.POSTGRESQL;
      String database = server.scratchName("kafka");
      server.ensure(database);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.urlOf(database));
      config.setUsername(server.user());
      config.setPassword(server.password());
      config.setMaximumPoolSize(12);
      config.setPoolName("ticketing-kafka-tests");
      pool = new HikariDataSource(config);
      TicketingSchema.migrate(pool);
      factory = TicketingPersistence.entityManagerFactory(pool);
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TicketingSchema.TABLES) {
        s.executeUpdate("delete from " + table);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot empty the test database", e);
    }
    return JpaTicketStore.resourceLocal(factory);
  }
}
