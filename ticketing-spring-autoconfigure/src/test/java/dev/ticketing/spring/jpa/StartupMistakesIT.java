package dev.ticketing.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.Directory;
import dev.ticketing.spring.SpringFixtures;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The start-up mistakes of a Boot host, each made on purpose: the context fails, and the failure
 * analyser registered in {@code META-INF/spring.factories} says what is wrong and the line to
 * change; or the mistake cannot happen any more and the context starts.
 */
class StartupMistakesIT {
  private static final String DATABASE = "ticketing_spring_mistakes";
  private static final SpringTestDatabase PG = SpringTestDatabase.POSTGRESQL;

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
            "ticketing.outbox.enabled=false", "ticketing.attachments.sweep.enabled=false")
        .withBean(Directory.class, SpringFixtures::directory);
  }

  /** What Spring Boot's failure report would say: the first analyser with an answer. */
  static FailureAnalysis analysis(Throwable failure) {
    // Boot's own analysers want constructor arguments; this report needs only the ticketing ones.
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation(StartupMistakesIT.class.getClassLoader())
            .load(FailureAnalyzer.class, null, (type, name, e) -> {});
    return analyzers.stream()
        .map(a -> a.analyze(failure))
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failure analysis for " + failure, failure));
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void aMissingFlywayDatabaseModuleNamesTheModule(SpringTestDatabase db) throws Exception {
    String url = db.fresh(DATABASE);
    // Flyway finds its database modules with its own class loader: the host starts in a class
    // loader of the test class path without the two module jars, as a host that lacks them.
    List<URL> classPath = new ArrayList<>();
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.contains("flyway-database-postgresql") && !entry.contains("flyway-mysql")) {
        classPath.add(Path.of(entry).toUri().toURL());
      }
    }
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader withoutModules =
        new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(withoutModules);
      Object failure =
          withoutModules
              .loadClass(HostWithoutFlywayModules.class.getName())
              .getMethod("startFailure", String.class, String.class, String.class)
              .invoke(null, url, db.user(), db.password());
      assertThat(failure).as("start-up failure").isInstanceOf(Throwable.class);
      FailureAnalysis analysis = analysis((Throwable) failure);
      assertThat(analysis.getDescription()).contains("Unsupported Database");
      assertThat(analysis.getAction())
          .contains(
              db == SpringTestDatabase.POSTGRESQL
                  ? "org.flywaydb:flyway-database-postgresql"
                  : "org.flywaydb:flyway-mysql")
          .contains("ticketing-spring-boot-starter-jpa");
    } finally {
      Thread.currentThread().setContextClassLoader(original);
    }
  }

  /** Starts the host in the class loader it is loaded by; returns why it failed, or null. */
  public static final class HostWithoutFlywayModules {
    public static @Nullable Throwable startFailure(String url, String user, String password) {
      Throwable[] failure = new Throwable[1];
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  HibernateJpaAutoConfiguration.class,
                  TransactionAutoConfiguration.class))
          .withConfiguration(SpringFixtures.TICKETING)
          .withPropertyValues(
              "spring.datasource.url=" + url,
              "spring.datasource.username=" + user,
              "spring.datasource.password=" + password,
              "ticketing.outbox.enabled=false",
              "ticketing.attachments.store=memory")
          .run(context -> failure[0] = context.getStartupFailure());
      return failure[0];
    }
  }

  @Test
  void createDropLeavesTheTicketingTablesAlone() throws SQLException {
    String url = PG.fresh(DATABASE);
    host(PG, url)
        .withPropertyValues(
            "spring.jpa.hibernate.ddl-auto=create-drop", "ticketing.attachments.store=memory")
        .run(context -> assertThat(context).hasNotFailed());
    // Closed: Hibernate dropped what it created, none of which was a ticketing table; the tables
    // are the migrations', trigram indexes included.
    assertThat(PG.tables(url)).contains("ticketing_ticket", "ticketing_comment");
    assertThat(indexes(url)).contains("ix_ticket_title_trgm");
  }

  @Test
  void aDroppingGenerationWithTheHostsOwnSchemaFilterFailsStartUp() {
    String url = PG.fresh(DATABASE);
    host(PG, url)
        .withPropertyValues(
            "spring.jpa.hibernate.ddl-auto=create-drop",
            "spring.jpa.properties.hibernate.hbm2ddl.schema_filter_provider="
                + "org.hibernate.tool.schema.internal.DefaultSchemaFilterProvider",
            "ticketing.attachments.store=memory")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analysis(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("spring.jpa.hibernate.ddl-auto=create-drop")
                  .contains("would drop the ticketing tables");
              assertThat(analysis.getAction()).contains("spring.jpa.hibernate.ddl-auto=validate");
            });
  }

  @Test
  void pgTrgmInAnotherSchemaIsFoundByTheTicketingMigrations() throws SQLException {
    String url = PG.fresh(DATABASE);
    execute(url, "create schema extensions", "create extension pg_trgm schema extensions");
    host(PG, url)
        .withPropertyValues("ticketing.attachments.store=memory")
        .run(context -> assertThat(context).hasNotFailed());
    assertThat(indexes(url)).contains("ix_ticket_title_trgm");
  }

  @Test
  void pgTrgmInAnotherSchemaWithTheHostsFlywayIsExplained() throws SQLException {
    String url = PG.fresh(DATABASE);
    execute(url, "create schema extensions", "create extension pg_trgm schema extensions");
    ApplicationContextRunner hostFlyway =
        host(PG, url)
            .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
            .withPropertyValues(
                "ticketing.store.schema=HOST",
                "ticketing.attachments.store=memory",
                "spring.jpa.hibernate.ddl-auto=validate",
                "spring.flyway.locations=classpath:dev/ticketing/jpa/migration/{vendor}");
    hostFlyway.run(
        context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis = analysis(context.getStartupFailure());
          assertThat(analysis.getDescription()).contains("gin_trgm_ops").contains("pg_trgm");
          assertThat(analysis.getAction())
              .contains("?currentSchema=public,extensions")
              .contains("spring.datasource.url");
        });
    // The line the report gives, on a fresh database again, is enough.
    String again = PG.fresh(DATABASE);
    execute(again, "create schema extensions", "create extension pg_trgm schema extensions");
    host(PG, again)
        .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        .withPropertyValues(
            "ticketing.store.schema=HOST",
            "ticketing.attachments.store=memory",
            "spring.jpa.hibernate.ddl-auto=validate",
            "spring.flyway.locations=classpath:dev/ticketing/jpa/migration/{vendor}",
            "spring.datasource.url=" + again + "?currentSchema=public,extensions")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void attachmentsInMemoryBesideTheDatabaseFailStartUpUnlessChosen() {
    String url = PG.fresh(DATABASE);
    host(PG, url)
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analysis(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("tickets in a database")
                  .contains("lost on restart");
              assertThat(analysis.getAction())
                  .contains("ticketing-spring-boot-starter-s3")
                  .contains("ticketing.s3.bucket")
                  .contains("ticketing.attachments.store=memory");
            });
    host(PG, url)
        .withPropertyValues("ticketing.attachments.store=memory")
        .run(context -> assertThat(context).hasNotFailed());
  }

  private static List<String> indexes(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, PG.user(), PG.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select indexname from pg_indexes")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, PG.user(), PG.password());
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
