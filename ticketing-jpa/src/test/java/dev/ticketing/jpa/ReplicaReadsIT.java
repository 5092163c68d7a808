package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.CreateTicket;
import dev.ticketing.PageRequest;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.testsupport.DatabaseServer;
import dev.ticketing.testsupport.FaultyDataSource;
import dev.ticketing.testsupport.PostgresReplica;
import dev.ticketing.testsupport.SamplePeople;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Reads from a real PostgreSQL streaming replica ({@link PostgresReplica}, started when missing).
 * Pausing the replica's WAL replay makes a marker only the primary has: a ticket written while
 * replay is paused. An actor who did not write does not see it (the read went to the replica), the
 * writer does (read-your-writes), and everyone does once replay resumes.
 */
class ReplicaReadsIT {

  static final Actor JOHN = SamplePeople.JOHN;
  static final Actor ADMIN = SamplePeople.ADMIN;

  static PostgresReplica replica;
  static HikariDataSource primary;
  static HikariDataSource replicaPool;
  static EntityManagerFactory factory;

  /** The units of work of the stores and of their replica reads: one, as the builder makes them. */
  static JpaTransactions transactions;

  private Ticketing ticketing;

  @BeforeAll
  static void databases() {
    replica = PostgresReplica.started();
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    String database = server.scratchName("replica");
    String url = server.recreate(database);
    primary = pool(url, "primary");
    TicketingSchema.migrate(primary);
    factory = TicketingPersistence.entityManagerFactory(primary);
    transactions = new ResourceLocalTransactions(factory);
    replica.awaitReplay(); // the database, created and migrated on the primary, reached the replica
    replicaPool = pool(replica.urlOf(database), "replica");
  }

  @AfterAll
  static void close() {
    factory.close();
    primary.close();
    replicaPool.close();
  }

  @AfterEach
  void closeTicketing() {
    if (ticketing != null) {
      ticketing.close();
    }
  }

  private TicketService service(ReplicaReads reads) {
    ticketing =
        Ticketing.builder()
            .store(new JpaTicketStore(transactions, reads))
            .directory(SamplePeople.directory())
            .backgroundDispatch(false)
            .backgroundSweep(false)
            .build();
    return ticketing.service();
  }

  private static ReplicaReads reads(DataSource replicaSource, Duration window, Duration maxLag) {
    return new ReplicaReads(replicaSource, transactions, window, maxLag);
  }

  private static TicketView opened(TicketService service, String title) {
    return service.createTicket(JOHN, CreateTicket.of(title, "Please help", "acme"));
  }

  private static List<String> titlesAdminLists(TicketService service) {
    return service.tickets(ADMIN, TicketFilter.none()).stream().map(TicketView::title).toList();
  }

  @Test
  void listingsCountsAndStatisticsReadTheReplicaWhileTheWriterReadsItsOwnWrites() {
    TicketService service =
        service(reads(replicaPool, Duration.ofSeconds(30), Duration.ofHours(1)));
    String before = opened(service, "written before the pause").title();
    replica.awaitReplay();
    long statsBefore = service.ticketStats(ADMIN, null).total();

    String marker =
        replica.withReplayPaused(
            () -> {
              TicketView t = opened(service, "written while replay is paused");
              // Another actor's listing, page total and statistics come from the replica.
              assertThat(titlesAdminLists(service)).contains(before).doesNotContain(t.title());
              assertThat(
                      service
                          .ticketsPaginated(
                              ADMIN, PageRequest.first(50).withTotalCount(), TicketFilter.none())
                          .totalCount())
                  .isEqualTo(statsBefore);
              assertThat(service.ticketStats(ADMIN, null).total()).isEqualTo(statsBefore);
              // A search too.
              assertThat(
                      service.tickets(
                          ADMIN, TicketFilter.builder().searchTerm("while replay").build()))
                  .isEmpty();
              // One ticket is read from the primary: it may precede a write.
              assertThat(service.ticket(ADMIN, t.id()).ticket().title()).isEqualTo(t.title());
              // The writer reads its own write: its reads go to the primary for the window.
              assertThat(service.myTickets(JOHN)).extracting(TicketView::title).contains(t.title());
              return t.title();
            });

    // Replay resumed and caught up: the replica converged.
    assertThat(titlesAdminLists(service)).contains(before, marker);
    assertThat(service.ticketStats(ADMIN, null).total()).isEqualTo(statsBefore + 1);
  }

  @Test
  void theWriterReadsTheReplicaAgainOnceItsWindowHasPassed() {
    Duration window = Duration.ofSeconds(3);
    TicketService service = service(reads(replicaPool, window, Duration.ofHours(1)));
    replica.withReplayPaused(
        () -> {
          long wrote = System.nanoTime();
          String title = opened(service, "the writer's window").title();
          List<String> seenAtOnce =
              service.myTickets(JOHN).stream().map(TicketView::title).toList();
          boolean withinWindow = System.nanoTime() - wrote < window.toNanos();
          sleepUntil(wrote + window.toNanos() + 500_000_000L);
          List<String> seenLater = service.myTickets(JOHN).stream().map(TicketView::title).toList();
          if (withinWindow) {
            assertThat(seenAtOnce).contains(title);
          }
          // Past the window the writer reads the replica, which has not replayed the write yet.
          assertThat(seenLater).doesNotContain(title);
        });
  }

  @Test
  void readsInsideAUnitOfWorkAndTheEnginesOwnReadsStayOnThePrimary() {
    CountingDataSource counting = new CountingDataSource(replicaPool);
    ReplicaReads reads = reads(counting.proxy(), Duration.ZERO, Duration.ofHours(1));
    TicketService service = service(reads);
    JpaTicketStore store = (JpaTicketStore) ticketing.store();
    replica.withReplayPaused(
        () -> {
          String title = opened(service, "read inside a unit of work").title();
          // Inside a unit of work (here the host's), even another actor's listing is the primary's.
          List<String> inUnit = store.inTransaction(() -> titlesAdminLists(service));
          assertThat(inUnit).contains(title);
          // A listing the engine makes for itself (not for an actor) reads the primary as well.
          TicketQuery everything =
              new TicketQuery(
                  VisibilityScope.EVERYTHING,
                  TicketFilter.none(),
                  CommentSearch.NONE,
                  SortOrder.NEWEST_FIRST,
                  null,
                  100);
          assertThat(store.list(everything))
              .extracting(row -> row.ticket().title())
              .contains(title);
          assertThat(counting.connections()).isZero();
          // An actor's own read outside any unit goes to the replica.
          assertThat(titlesAdminLists(service)).doesNotContain(title);
          assertThat(counting.connections()).isEqualTo(1);
        });
  }

  @Test
  void aReplicaThatCannotBeReachedOrDiesMidReadLeavesReadsOnThePrimary() {
    // Nothing listens on port 1: every connection is refused.
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
    ReplicaReads unreachable = reads(nowhere, Duration.ZERO, Duration.ofHours(1));
    TicketService service = service(unreachable);
    String title = opened(service, "the replica is unreachable").title();
    assertThat(titlesAdminLists(service)).contains(title);
    assertThat(service.ticketStats(ADMIN, null).total()).isPositive();
    assertThat(unreachable.failed()).isTrue();
    ticketing.close();

    // A replica whose session is ended in the middle of a read: the read runs again on the primary.
    FaultyDataSource faults = FaultyDataSource.over(replicaPool, replicaPool);
    ReplicaReads dying = reads(faults.dataSource(), Duration.ZERO, Duration.ofHours(1));
    TicketService onDying = service(dying);
    replica.withReplayPaused(
        () -> {
          String marker = opened(onDying, "the replica dies mid-read").title();
          faults.arm("from ticketing_ticket", FaultyDataSource.Fault.KILL);
          assertThat(titlesAdminLists(onDying)).contains(marker); // the primary's answer
          assertThat(faults.fired()).isEqualTo(1);
          assertThat(dying.failed()).isTrue();
          // While it counts as failed, reads stay on the primary without trying it.
          assertThat(titlesAdminLists(onDying)).contains(marker);
          // Then it is tried again, and answers as the paused replica does.
          sleepUntil(System.nanoTime() + ReplicaHealth.RETRY_AFTER.toNanos() + 200_000_000L);
          assertThat(titlesAdminLists(onDying)).doesNotContain(marker);
          assertThat(dying.failed()).isFalse();
        });
  }

  @Test
  void aReplicaLaggingBeyondTheBoundLeavesReadsOnThePrimaryUntilItCatchesUp() {
    CountingDataSource counting = new CountingDataSource(replicaPool);
    ReplicaReads reads = reads(counting.proxy(), Duration.ZERO, Duration.ofSeconds(2));
    TicketService service = service(reads);
    replica.withReplayPaused(
        () -> {
          String title = opened(service, "written while the replica lags").title();
          // Replay is held back: after the bound, the replica's lag exceeds it.
          sleepUntil(System.nanoTime() + 2_500_000_000L);
          long measured = System.nanoTime();
          assertThat(titlesAdminLists(service)).contains(title); // the primary's answer
          assertThat(reads.lagging()).isTrue();
          int tried = counting.connections();
          // Until the lag is measured again (a second later) the replica is not even asked.
          boolean soon = System.nanoTime() - measured < ReplicaHealth.LAG_CHECK_EVERY.toNanos();
          assertThat(titlesAdminLists(service)).contains(title);
          if (soon) {
            assertThat(counting.connections()).isEqualTo(tried);
          }
        });
    // Caught up (withReplayPaused waited for it): once the lag is measured again, reads return.
    // The lag is the age of the last transaction replayed: a fresh one, replayed, keeps it small.
    sleepUntil(System.nanoTime() + ReplicaHealth.LAG_CHECK_EVERY.toNanos() + 100_000_000L);
    opened(service, "a fresh transaction to replay");
    replica.awaitReplay();
    int before = counting.connections();
    titlesAdminLists(service);
    assertThat(reads.lagging()).isFalse();
    assertThat(counting.connections()).isEqualTo(before + 1);
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static HikariDataSource pool(String url, String name) {
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(10_000);
    config.setPoolName("ticketing-replica-test-" + name);
    config.setReadOnly(name.equals("replica"));
    return new HikariDataSource(config);
  }

  /** A data source counting the connections taken from it. */
  static final class CountingDataSource {
    private final DataSource target;
    private final AtomicInteger connections = new AtomicInteger();

    CountingDataSource(DataSource target) {
      this.target = target;
    }

    int connections() {
      return connections.get();
    }

    DataSource proxy() {
      return (DataSource)
          Proxy.newProxyInstance(
              DataSource.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (p, m, args) -> {
                if (m.getName().equals("getConnection")) {
                  connections.incrementAndGet();
                }
                try {
                  return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
