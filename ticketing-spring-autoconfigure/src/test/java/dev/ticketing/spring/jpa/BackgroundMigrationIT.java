package dev.ticketing.spring.jpa;

import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static dev.ticketing.spring.SpringFixtures.newTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.TicketService;
import dev.ticketing.spi.Directory;
import dev.ticketing.spring.SpringFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The ticketing migrations on a thread of their own ({@code ticketing.store.background-migration}):
 * whatever needs the tables waits for them, and a failed migration still fails start-up with its
 * own cause, which the failure analysers read.
 */
class BackgroundMigrationIT {
  private static final String DATABASE = "ticketing_spring_background";

  private static ApplicationContextRunner host(SpringTestDatabase db, String url) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class))
        .withConfiguration(SpringFixtures.TICKETING)
        .withPropertyValues(db.properties(url).toArray(String[]::new))
        .withPropertyValues(
            "ticketing.outbox.enabled=false",
            "ticketing.attachments.sweep.enabled=false",
            "ticketing.attachments.store=memory")
        .withBean(Directory.class, SpringFixtures::directory);
  }

  /**
   * Hibernate validating the whole persistence unit, ticketing tables included, on a fresh
   * database: it waits for the migrations that create them.
   */
  @ParameterizedTest
  @EnumSource(SpringTestDatabase.class)
  void schemaValidationWaitsForTheMigrations(SpringTestDatabase db) {
    String url = db.fresh(DATABASE);
    host(db, url)
        .withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SchemaMigration.class).background()).isTrue();
              assertThat(context.getBean(TicketService.class).createTicket(CUSTOMER, newTicket()))
                  .isNotNull();
            });
  }

  /** Without a schema generation nothing waits during start-up but its end and the store. */
  @ParameterizedTest
  @EnumSource(SpringTestDatabase.class)
  void aFreshDatabaseIsReadyWhenTheContextIs(SpringTestDatabase db) {
    String url = db.fresh(DATABASE);
    host(db, url)
        .withPropertyValues("spring.jpa.hibernate.ddl-auto=none")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(db.tables(url)).contains("ticketing_ticket", "ticketing_schema_history");
              assertThat(context.getBean(TicketService.class).createTicket(CUSTOMER, newTicket()))
                  .isNotNull();
            });
  }

  /**
   * A migration that fails on its own thread fails start-up, with Flyway's exception in the cause
   * chain and the failure report of the host that runs the migrations on the main thread.
   */
  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void aFailedMigrationFailsStartUpWithItsCause(SpringTestDatabase db) throws SQLException {
    Throwable background = startFailure(db, true);
    Throwable foreground = startFailure(db, false);
    assertThat(background).as("start-up failure").isNotNull();
    assertThat(foreground).as("start-up failure").isNotNull();
    assertThat(background)
        .hasStackTraceContaining("The ticketing schema migration failed")
        .hasStackTraceContaining("ticketing_ticket");
    assertThat(rootCause(background).getClass()).isEqualTo(rootCause(foreground).getClass());
  }

  /** Why a host fails to start on a fresh database with a table in the first migration's way. */
  private static Throwable startFailure(SpringTestDatabase db, boolean background)
      throws SQLException {
    String url = db.fresh(DATABASE);
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("create table ticketing_ticket (unrelated int)");
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    host(db, url)
        .withPropertyValues(
            "spring.jpa.hibernate.ddl-auto=none",
            "ticketing.store.background-migration=" + background)
        .run(context -> failure.set(context.getStartupFailure()));
    return failure.get();
  }

  /** The failure analysers read a background failure as they read one on the main thread. */
  @Test
  void theAnalysersReadABackgroundFailure() {
    SchemaMigration migration =
        new SchemaMigration(
            new SimpleDriverDataSource(),
            true,
            ds -> {
              throw new FlywayException("Unsupported Database: PostgreSQL 15.20");
            });
    migration.afterPropertiesSet();
    assertThatThrownBy(migration::afterSingletonsInstantiated)
        .isInstanceOf(IllegalStateException.class)
        .satisfies(
            failure -> {
              FailureAnalysis analysis = StartupMistakesIT.analysis(failure);
              assertThat(analysis.getDescription()).contains("Unsupported Database");
              assertThat(analysis.getAction()).contains("org.flywaydb:flyway-database-postgresql");
            });
  }

  /** The store's first unit of work waits until the migration is done. */
  @Test
  void theFirstUnitOfWorkWaitsForTheMigration() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SchemaMigration migration =
        new SchemaMigration(
            new SimpleDriverDataSource(),
            true,
            ds -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return 1;
            });
    migration.afterPropertiesSet();
    started.await();
    CompletableFuture<Void> unitOfWork = CompletableFuture.runAsync(migration::await);
    // Not done while the migration is held, whatever the wait; done once it is released.
    assertThat(unitOfWork).isNotDone();
    release.countDown();
    unitOfWork.get();
    assertThat(unitOfWork).isCompleted();
  }

  /**
   * A context closed while the migration runs (its start-up failed elsewhere) lets it finish before
   * the data source closes, so the next start never meets a half-run migration.
   */
  @Test
  void closingWaitsForTheMigrationInProgress() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SchemaMigration migration =
        new SchemaMigration(
            new SimpleDriverDataSource(),
            true,
            ds -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IllegalStateException("failed after the close began");
            });
    migration.afterPropertiesSet();
    started.await();
    CompletableFuture<Void> close = CompletableFuture.runAsync(migration::destroy);
    assertThat(close).isNotDone();
    release.countDown();
    close.get();
    assertThat(close).as("closed without throwing the migration's failure").isCompleted();
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
