package dev.ticketing.spring.jpa;

import static dev.ticketing.spring.SpringFixtures.ADMIN;
import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.jpa.JpaTicketStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.testsupport.DatabaseServer;
import dev.ticketing.testsupport.PostgresReplica;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * {@code ticketing.store.replica.*} on a real PostgreSQL streaming replica ({@link
 * PostgresReplica}): with a URL, an actor's listings read the replica, and the writer reads its own
 * writes; without, nothing changes.
 */
class TicketingReplicaIT {

  private static ApplicationContextRunner runner(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class))
        .withConfiguration(SpringFixtures.TICKETING)
        .withPropertyValues(SpringTestDatabase.POSTGRESQL.properties(url).toArray(String[]::new))
        .withPropertyValues(
            "ticketing.outbox.enabled=false",
            "ticketing.attachments.store=memory",
            "ticketing.store.type=JPA")
        .withBean(Directory.class, SpringFixtures::directory);
  }

  private static List<String> titlesAdminLists(TicketService service) {
    return service.tickets(ADMIN, TicketFilter.none()).stream().map(TicketView::title).toList();
  }

  @Test
  void withAReplicaUrlAnActorsListingsReadTheReplicaAndTheWriterItsOwnWrites() {
    PostgresReplica replica = PostgresReplica.started();
    String database = DatabaseServer.POSTGRESQL.scratchName("spring_replica");
    String url = SpringTestDatabase.POSTGRESQL.fresh("spring_replica");
    runner(url)
        .withPropertyValues(
            "ticketing.store.replica.url=" + replica.urlOf(database),
            "ticketing.store.replica.read-your-writes-window=1m",
            "ticketing.store.replica.max-lag=1h")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(DataSource.class)).hasSize(1); // the host's only
              assertThat(context.getBean(TicketingReplicaProperties.class).readYourWritesWindow())
                  .isEqualTo(Duration.ofMinutes(1));
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JpaTicketStore.class);
              TicketService service = context.getBean(TicketService.class);
              String before = service.createTicket(CUSTOMER, SpringFixtures.newTicket()).title();
              replica.awaitReplay(); // the migrated schema and the first ticket
              replica.withReplayPaused(
                  () -> {
                    String marker =
                        service
                            .createTicket(
                                CUSTOMER, CreateTicket.of("Only on the primary", "for now", "acme"))
                            .title();
                    assertThat(titlesAdminLists(service)).contains(before).doesNotContain(marker);
                    assertThat(service.myTickets(CUSTOMER))
                        .extracting(TicketView::title)
                        .contains(marker);
                  });
              assertThat(titlesAdminLists(service)).contains("Only on the primary");
            });
  }

  @Test
  void withoutAReplicaUrlThereIsNoReplica() {
    String url = SpringTestDatabase.POSTGRESQL.fresh("spring_replica");
    runner(url)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(TicketingJpaReplicaConfiguration.Replica.class);
              assertThat(context).doesNotHaveBean(TicketingReplicaProperties.class);
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JpaTicketStore.class);
            });
  }
}
