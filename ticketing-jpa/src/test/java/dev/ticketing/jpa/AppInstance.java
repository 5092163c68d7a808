package dev.ticketing.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * One "application instance" on a test database: a pool, an entity manager factory and a store of
 * its own, like {@link TestDatabase#newInstance} but closed after the test so that pools do not
 * pile up on the servers' connection limits.
 */
final class AppInstance implements AutoCloseable {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final HikariDataSource pool;
  private final EntityManagerFactory factory;
  private final JpaTicketStore store;

  private AppInstance(HikariDataSource pool, EntityManagerFactory factory) {
    this.pool = pool;
    this.factory = factory;
    this.store = JpaTicketStore.resourceLocal(factory);
  }

  static AppInstance start(TestDatabase db, int poolSize) {
    return start(db, poolSize, UnaryOperator.identity());
  }

  /** An instance whose store sees the pool through {@code wrap} (for fault injection). */
  static AppInstance start(TestDatabase db, int poolSize, UnaryOperator<DataSource> wrap) {
    HikariDataSource shared = db.start().dataSource();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setMaximumPoolSize(poolSize);
    config.setConnectionTimeout(10_000);
    config.setPoolName("ticketing-test-instance-" + SEQUENCE.incrementAndGet());
    HikariDataSource pool = new HikariDataSource(config);
    try {
      return new AppInstance(pool, TicketingPersistence.entityManagerFactory(wrap.apply(pool)));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  JpaTicketStore store() {
    return store;
  }

  HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    try {
      factory.close();
    } finally {
      pool.close();
    }
  }
}
