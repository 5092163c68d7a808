package dev.ticketing.spring.jpa;

import static dev.ticketing.spring.SpringFixtures.ADMIN;
import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static dev.ticketing.spring.SpringFixtures.newTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.NotFoundException;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.jpa.TicketingPersistence;
import dev.ticketing.jpa.TicketingSchema;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingNotificationEvent;
import dev.ticketing.spring.host.HostNote;
import dev.ticketing.spring.observability.ObservedTicketService;
import dev.ticketing.spring.observability.TicketingHealthIndicator;
import dev.ticketing.testsupport.RecordingNotifier;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Spring Boot host with JPA on a real database: the auto-configured {@link TicketService} on the
 * JPA store, in the host's Spring transactions, beside the host's own entities and Flyway
 * migrations. Subclasses name the database; each drops and creates its databases, so every run
 * starts from an empty schema.
 *
 * <p>The host is a plain {@code @EnableAutoConfiguration} application (everything on this test
 * class path is auto-configured, as in a real host) with an {@code @EntityScan} of its own entity
 * package only: the ticketing entities must arrive without it.
 */
@SpringBootTest(
    classes = TicketingJpaIT.HostApplication.class,
    properties = {
      "spring.jpa.hibernate.ddl-auto=validate",
      "spring.jpa.open-in-view=false",
      "spring.flyway.locations=classpath:dev/ticketing/spring/host/db",
      "ticketing.outbox.poll-interval=200ms",
      // No attachments in these tests: memory beside the database, on purpose.
      "ticketing.attachments.store=memory"
    })
abstract class TicketingJpaIT {

  static final Actor AGENT = Actor.agent("agent-1");

  /** The main database of the {@code @SpringBootTest} host. */
  static final String HOST_DATABASE = "ticketing_spring_test";

  /** An empty database for the variants that must see what is (not) created. */
  static final String BARE_DATABASE = "ticketing_spring_bare";

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EntityScan(basePackageClasses = HostNote.class)
  static class HostApplication {
    @Bean
    Directory directory() {
      return SpringFixtures.directory();
    }

    @Bean
    RecordingNotifier mailNotifier() {
      return RecordingNotifier.working();
    }

    @Bean
    EventRecorder eventRecorder() {
      return new EventRecorder();
    }
  }

  static final class EventRecorder {
    final List<Notification> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(TicketingNotificationEvent event) {
      received.add(event.notification());
    }
  }

  @Autowired TicketService tickets;
  @Autowired TicketStore store;
  @Autowired JpaTransactions jpaTransactions;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;
  @Autowired EntityManagerFactory entityManagerFactory;
  @Autowired RecordingNotifier notifier;
  @Autowired EventRecorder events;
  @Autowired Environment environment;
  @Autowired TicketingHealthIndicator healthIndicator;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory;

  /** The database of this subclass. */
  abstract SpringTestDatabase database();

  /** Creates the host's database afresh and points the host at it; for the subclasses' property sources. */
  static void register(SpringTestDatabase database, DynamicPropertyRegistry registry) {
    String url = database.fresh(HOST_DATABASE);
    for (String property : database.properties(url)) {
      int eq = property.indexOf('=');
      registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
    }
  }

  // ------------------------------------------------------------------ the host

  @Test
  void storeIsJpaOnTheHostsEntityManagerFactoryAndTransactions() {
    assertThat(store).isInstanceOf(JpaTicketStore.class);
    assertThat(jpaTransactions).isInstanceOf(SpringJpaTransactions.class);
    assertThat(notifier).isInstanceOf(Notifier.class);
  }

  @Test
  void ticketingEntitiesAreRegisteredBesideTheHostsEntityScan() {
    List<Class<?>> managed =
        entityManagerFactory.getMetamodel().getEntities().stream()
            .<Class<?>>map(EntityType::getJavaType)
            .toList();
    assertThat(managed).containsAll(TicketingPersistence.ENTITY_CLASSES).contains(HostNote.class);
  }

  @Test
  void migrationsRanBesideTheHostsFlyway() {
    assertThat(
            jdbc.queryForObject(
                "select count(*) from " + database().quote(TicketingSchema.HISTORY_TABLE),
                Long.class))
        .isPositive();
    assertThat(
            jdbc.queryForList(
                "select "
                    + database().quote("version")
                    + " from "
                    + database().quote("flyway_schema_history"),
                String.class))
        .contains("1");
    assertThat(database().tables(url()))
        .contains("ticketing_ticket", "ticketing_outbox", "host_note");
    // The host's Flyway first: it refuses a schema that holds tables but no history of its own.
    assertThat(beanFactory.getBeanDefinition("ticketingSchemaMigration").getDependsOn())
        .contains("flywayInitializer");
  }

  // ------------------------------------------------------------------ Spring transactions

  @Test
  void createAssignCommentResolveInOneSpringTransaction() {
    TicketView resolved =
        transactions.execute(
            status -> {
              TicketView t = tickets.createTicket(CUSTOMER, newTicket());
              TicketView assigned =
                  tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "agent-1"));
              assertThat(assigned.status()).isEqualTo(Status.IN_PROGRESS);
              tickets.addComment(
                  AGENT, new AddComment(t.id(), "Have you tried turning it off and on?", false));
              TicketView done =
                  tickets.changeStatus(AGENT, new ChangeStatus(t.id(), Status.RESOLVED));
              // One transaction: nothing is visible to anybody else before the host commits.
              assertThat(committed("select count(*) from ticketing_ticket where id = ?", t.id()))
                  .isZero();
              return done;
            });
    String id = resolved.id();
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(
            committed(
                "select count(*) from ticketing_ticket where id = ? and status = 'RESOLVED' "
                    + "and assignee_id = 'agent-1'",
                id))
        .isEqualTo(1);
    assertThat(committed("select count(*) from ticketing_comment where ticket_id = ?", id))
        .isEqualTo(1);
    assertThat(committed("select count(*) from ticketing_audit_entry where ticket_id = ?", id))
        .isGreaterThanOrEqualTo(4);
    // created -> the admins, assigned -> agent-1, reply -> cust-1, resolved -> cust-1: one request
    // each,
    // which the running dispatcher may already be turning into deliveries.
    assertThat(
            committed(
                "select count(*) from ticketing_outbox where ticket_id = ? and channel = 'recipients'",
                id))
        .isEqualTo(4);
    assertThat(tickets.ticket(CUSTOMER, id).comments()).hasSize(1);
    assertThat(tickets.history(ADMIN, id)).hasSizeGreaterThanOrEqualTo(4);

    // After the commit the lifecycle's dispatcher delivers from the JPA outbox, to notifiers and
    // listeners.
    notifier.await(
        n ->
            n.ticketId().equals(id)
                && n.recipientId().equals("cust-1")
                && n.template().name().equals("support-ticket-resolved"),
        Duration.ofSeconds(10));
    notifier.await(
        n -> n.ticketId().equals(id) && n.recipientId().equals("agent-1"), Duration.ofSeconds(10));
    notifier.await(
        n -> n.ticketId().equals(id) && n.recipientId().equals("admin-1"), Duration.ofSeconds(10));
    awaitEvents(id, 4);
  }

  @Test
  void withoutAHostTransactionEachCallCommitsOnItsOwn() {
    TicketView t = tickets.createTicket(CUSTOMER, newTicket());
    assertThat(committed("select count(*) from ticketing_ticket where id = ?", t.id()))
        .isEqualTo(1);
    tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "agent-1"));
    assertThat(
            committed(
                "select count(*) from ticketing_ticket where id = ? and assignee_id = 'agent-1'",
                t.id()))
        .isEqualTo(1);
  }

  @Test
  void hostRowsAndTicketsCommitTogether() {
    EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    String id =
        transactions.execute(
            status -> {
              em.persist(new HostNote("note-commit-" + System.nanoTime(), "customer called"));
              return tickets.createTicket(CUSTOMER, newTicket()).id();
            });
    assertThat(committed("select count(*) from ticketing_ticket where id = ?", id)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from host_note where body = 'customer called'", Long.class))
        .isPositive();
  }

  @Test
  void anExceptionInTheHostsTransactionLeavesNoTicketNoAuditNoOutboxRow() {
    EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    String noteId = "note-rollback-" + System.nanoTime();
    String[] ticketId = new String[1];
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      em.persist(new HostNote(noteId, "to be rolled back"));
                      TicketView t = tickets.createTicket(CUSTOMER, newTicket());
                      ticketId[0] = t.id();
                      tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "agent-1"));
                      em.flush();
                      // Written inside the transaction (so the rollback below has something to
                      // undo) ...
                      assertThat(
                              jdbc.queryForObject(
                                  "select count(*) from ticketing_ticket where id = ?",
                                  Long.class,
                                  t.id()))
                          .isEqualTo(1);
                      assertThat(
                              jdbc.queryForObject(
                                  "select count(*) from ticketing_audit_entry where ticket_id = ?",
                                  Long.class,
                                  t.id()))
                          .isEqualTo(2);
                      assertThat(
                              jdbc.queryForObject(
                                  "select count(*) from ticketing_outbox where ticket_id = ?",
                                  Long.class,
                                  t.id()))
                          .isEqualTo(2);
                      throw new IllegalStateException("the host's own work failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the host's own work failed");

    String id = ticketId[0];
    assertThat(id).isNotNull();
    // ... and gone with the host's rollback.
    assertThat(committed("select count(*) from ticketing_ticket where id = ?", id)).isZero();
    assertThat(committed("select count(*) from ticketing_audit_entry where ticket_id = ?", id))
        .isZero();
    assertThat(committed("select count(*) from ticketing_outbox where ticket_id = ?", id)).isZero();
    assertThat(committed("select count(*) from host_note where id = ?", noteId)).isZero();
    assertThatThrownBy(() -> tickets.ticket(ADMIN, id)).isInstanceOf(NotFoundException.class);
    // Nothing to deliver: nobody hears of a ticket that never existed.
    SpringFixtures.sleep(600);
    assertThat(notifier.delivered()).noneMatch(n -> n.ticketId().equals(id));
  }

  @Test
  void aTicketingFailureInsideTheHostsTransactionRollsItBack() {
    EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    String noteId = "note-denied-" + System.nanoTime();
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      em.persist(new HostNote(noteId, "written before the refusal"));
                      tickets.createTicket(CUSTOMER, newTicket());
                      tickets.createTicket(AGENT, newTicket()); // agents do not create tickets
                    }))
        .isInstanceOf(dev.ticketing.AccessDeniedException.class);
    assertThat(committed("select count(*) from host_note where id = ?", noteId)).isZero();
  }

  @Test
  void aRefusalTheHostCatchesLeavesItsTransactionUsable() {
    EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    String noteId = "note-caught-" + System.nanoTime();
    String id =
        transactions.execute(
            status -> {
              em.persist(new HostNote(noteId, "written before a caught refusal"));
              TicketView t = tickets.createTicket(CUSTOMER, newTicket());
              // The engine refuses before it writes, so catching the refusal keeps the host's work.
              assertThatThrownBy(() -> tickets.createTicket(AGENT, newTicket()))
                  .isInstanceOf(dev.ticketing.AccessDeniedException.class);
              assertThatThrownBy(() -> tickets.ticket(CUSTOMER, "no-such-ticket"))
                  .isInstanceOf(NotFoundException.class);
              assertThat(status.isRollbackOnly()).isFalse();
              return t.id();
            });
    assertThat(committed("select count(*) from ticketing_ticket where id = ?", id)).isEqualTo(1);
    assertThat(committed("select count(*) from host_note where id = ?", noteId)).isEqualTo(1);
  }

  /**
   * Ticketing brings a Bean Validation provider, but this host has no Expression Language and chose
   * no validation mode: its entities are written as they were before ticketing came (see {@code
   * TicketingHibernateValidationTest} for the host that asks for validation).
   */
  @Test
  void theHostsEntitiesAreNotValidatedUnlessItAsks() {
    EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    String noteId = "note-blank-" + System.nanoTime();
    transactions.executeWithoutResult(
        status -> {
          em.persist(new HostNote(noteId, " "));
          em.flush();
        });
    assertThat(committed("select count(*) from host_note where id = ?", noteId)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ health and metrics on the
  // JPA outbox

  @Test
  void healthReadsTheJpaOutbox() {
    var health = healthIndicator.health();
    assertThat(health.getDetails())
        .containsKeys("pending", "dead")
        .containsEntry("dispatching", true);
    assertThat(health.getStatus())
        .isIn(
            org.springframework.boot.health.contributor.Status.UP,
            TicketingHealthIndicator.DEGRADED);
  }

  @Test
  void metricsOnTheHostsMeterRegistry() {
    TicketView t = tickets.createTicket(CUSTOMER, newTicket());
    assertThatThrownBy(() -> tickets.ticket(Actor.customer("cust-9", "globex"), t.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            meters
                .get(ObservedTicketService.NAME)
                .tag("operation", "createTicket")
                .tag("outcome", "ok")
                .timer()
                .count())
        .isPositive();
    assertThat(
            meters
                .get(ObservedTicketService.NAME)
                .tag("operation", "ticket")
                .tag("outcome", "not_found")
                .timer()
                .count())
        .isPositive();
    assertThat(meters.get("ticketing.outbox.pending").gauge().value()).isGreaterThanOrEqualTo(0);
    assertThat(meters.get("ticketing.outbox.dead").gauge().value()).isZero();
  }

  // ------------------------------------------------------------------ variants on an empty
  // database

  ApplicationContextRunner jpaRunner(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class))
        .withConfiguration(SpringFixtures.TICKETING)
        .withPropertyValues(database().properties(url).toArray(String[]::new))
        .withPropertyValues("ticketing.outbox.enabled=false", "ticketing.attachments.store=memory")
        .withBean(Directory.class, SpringFixtures::directory);
  }

  @Test
  void jpaStoreTypeWithoutAnyEntityScanMigratesAndWorks() {
    // No @EntityScan and no auto-configuration package at all (the host above has AUTO and an
    // @EntityScan).
    String url = database().fresh(BARE_DATABASE);
    jpaRunner(url)
        .withPropertyValues("ticketing.store.type=JPA", "spring.jpa.hibernate.ddl-auto=validate")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JpaTicketStore.class);
              TicketService service = context.getBean(TicketService.class);
              TicketView t = service.createTicket(CUSTOMER, newTicket());
              assertThat(service.ticket(CUSTOMER, t.id()).ticket().title())
                  .isEqualTo("Printer on fire");
            });
    assertThat(database().tables(url)).contains(TicketingSchema.HISTORY_TABLE, "ticketing_ticket");
  }

  @Test
  void schemaNoneSkipsTheMigrations() {
    String url = database().fresh(BARE_DATABASE);
    jpaRunner(url)
        .withPropertyValues("ticketing.store.schema=NONE", "spring.jpa.hibernate.ddl-auto=none")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JpaTicketStore.class);
              assertThat(database().tables(url))
                  .doesNotContain(TicketingSchema.HISTORY_TABLE, "ticketing_ticket");
              // The entities are still registered: the tables are the host's business.
              assertThat(context.getBean(EntityManagerFactory.class).getMetamodel().getEntities())
                  .extracting(e -> e.getJavaType().getName())
                  .contains(dev.ticketing.jpa.entity.TicketEntity.class.getName());
              assertThatThrownBy(
                      () ->
                          context.getBean(TicketService.class).createTicket(CUSTOMER, newTicket()))
                  .isInstanceOf(TicketingException.class);
            });
  }

  @Test
  void schemaNoneWithValidationFailsOnTheMissingTables() {
    String url = database().fresh(BARE_DATABASE);
    jpaRunner(url)
        .withPropertyValues("ticketing.store.schema=NONE", "spring.jpa.hibernate.ddl-auto=validate")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("ticketing_");
            });
  }

  @Test
  void schemaHostLeavesTheMigrationsToTheHostsFlyway() {
    String url = database().fresh(BARE_DATABASE);
    jpaRunner(url)
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration.class))
        .withPropertyValues(
            "ticketing.store.schema=HOST",
            "spring.jpa.hibernate.ddl-auto=validate",
            // As TicketingProperties.SchemaMode.HOST documents.
            "spring.flyway.locations=classpath:dev/ticketing/jpa/migration/{vendor}")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JpaTicketStore.class);
              assertThat(
                      context
                          .getBean(TicketService.class)
                          .createTicket(CUSTOMER, newTicket())
                          .status())
                  .isEqualTo(Status.OPEN);
            });
    assertThat(database().tables(url))
        .contains("flyway_schema_history", "ticketing_ticket")
        .doesNotContain(TicketingSchema.HISTORY_TABLE);
  }

  @Test
  void memoryStoreEvenWithJpaPresent() {
    String url = database().fresh(BARE_DATABASE);
    jpaRunner(url)
        .withPropertyValues("ticketing.store.type=MEMORY", "spring.jpa.hibernate.ddl-auto=none")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(EntityManagerFactory.class);
              assertThat(context.getBean(TicketStore.class))
                  .isInstanceOf(InMemoryTicketStore.class);
              assertThat(context).doesNotHaveBean(JpaTransactions.class);
              assertThat(context.getBean(EntityManagerFactory.class).getMetamodel().getEntities())
                  .extracting(e -> e.getJavaType().getName())
                  .doesNotContain(dev.ticketing.jpa.entity.TicketEntity.class.getName());
              assertThat(
                      context
                          .getBean(TicketService.class)
                          .createTicket(CUSTOMER, newTicket())
                          .status())
                  .isEqualTo(Status.OPEN);
            });
    assertThat(database().tables(url)).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  String url() {
    return environment.getRequiredProperty("spring.datasource.url");
  }

  /** A count over a connection of its own: what is committed, whatever transaction the test is in. */
  long committed(String sql, Object... params) {
    try (Connection c =
            DriverManager.getConnection(url(), database().user(), database().password());
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }

  private void awaitEvents(String ticketId, int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (events.received.stream().filter(e -> e.ticketId().equals(ticketId)).count() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "fewer than " + n + " events for " + ticketId + ": " + events.received);
      }
      SpringFixtures.sleep(20);
    }
  }
}
