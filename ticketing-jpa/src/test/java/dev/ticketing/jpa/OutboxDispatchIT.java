package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.notification.DeliveryIds;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.testsupport.ForwardingOutboxStore;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3's durable outbox on real servers: several dispatchers, each in its own "application
 * instance" (pool and entity manager factory), share one outbox. Every notification is delivered,
 * no notification is ever in two deliveries at once, failures become dead letters only after the
 * configured attempts, and a dispatcher that dies holding rows loses nothing.
 */
class OutboxDispatchIT {

  private static final int DISPATCHERS = 4;

  /** The one channel of these tests. */
  private static final String CHANNEL = "mail";

  private static final Duration LEASE = Duration.ofSeconds(30);

  /** Generous: a busy 2-core machine needs about 30 s for the 1,000 on PostgreSQL, an idle one far less. */
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private final List<AppInstance> instances = new ArrayList<>();

  @AfterEach
  void closeInstances() {
    instances.forEach(AppInstance::close);
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void fourDispatchersDeliverAThousandNotificationsExactlyOnceThroughFailures(TestDatabase db)
      throws Exception {
    db.truncate();
    RetryPolicy retry = new RetryPolicy(9, Duration.ZERO, 1.0, Duration.ZERO);
    RecordingNotifier.FailureRule rule = RecordingNotifier.FailureRule.percent(30);
    List<Notification> all = notifications("n", 1_000);
    // The rule is deterministic: know up front how many attempts each notification needs.
    Map<String, Integer> needed = new HashMap<>();
    for (Notification n : all) {
      int attempt = 1;
      while (rule.fails(n.id(), attempt)) {
        attempt++;
      }
      needed.put(n.id(), attempt);
    }
    assertThat(needed.values())
        .as("the failure rule lets each notification through within maxAttempts")
        .allMatch(a -> a <= retry.maxAttempts());
    int expectedAttempts = needed.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(expectedAttempts - all.size())
        .as("about 30 %% of attempts fail")
        .isBetween((int) (expectedAttempts * 0.25), (int) (expectedAttempts * 0.35));
    enqueue(db.newStore(), all);

    RecordingNotifier notifier = RecordingNotifier.failing(rule, Duration.ofNanos(200_000));
    List<OutboxDispatcher> dispatchers =
        dispatchers(db, DISPATCHERS, notifier, retry, Clock.systemUTC());
    Map<String, Integer> rounds = runUntilDrained(dispatchers);

    OutboxStore outbox = db.newStore().outbox();
    assertThat(notifier.overlapping())
        .as("notifications handed out while another dispatcher held them")
        .isEmpty();
    assertThat(outbox.pendingCount()).isZero();
    assertThat(outbox.deadCount()).isZero();
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where channel = 'mail' and state = 'DELIVERED'"
                    + " and lease_owner is null and delivered_at is not null"))
        .isEqualTo(all.size());
    for (Notification n : all) {
      assertThat(notifier.successes(n.id())).as("successful deliveries of %s", n.id()).isEqualTo(1);
      assertThat(notifier.attempts(n.id()))
          .as("attempts at %s", n.id())
          .isEqualTo(needed.get(n.id()));
    }
    assertThat(notifier.attempts()).isEqualTo(expectedAttempts);
    // The stored attempt count is the notifier's.
    for (List<Object> row :
        Rows.query(
            db, "select notification_id, attempts from ticketing_outbox where channel = 'mail'")) {
      assertThat(((Number) row.get(1)).intValue())
          .as("stored attempts of %s", row.get(0))
          .isEqualTo(needed.get((String) row.get(0)));
    }
    assertThat(rounds.values())
        .as("every dispatcher took part (attempts per dispatcher: %s)", rounds)
        .allMatch(n -> n > 0);
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void failuresBecomeDeadLettersAfterExactlyMaxAttemptsAndRedriveDeliversThem(TestDatabase db)
      throws Exception {
    db.truncate();
    RetryPolicy retry = new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO);
    List<Notification> all = notifications("dead", 200);
    enqueue(db.newStore(), all);

    RecordingNotifier failing = RecordingNotifier.alwaysFailing();
    runUntilDrained(dispatchers(db, DISPATCHERS, failing, retry, Clock.systemUTC()));

    OutboxStore outbox = db.newStore().outbox();
    assertThat(outbox.pendingCount()).isZero();
    assertThat(outbox.deadCount()).isEqualTo(all.size());
    assertThat(failing.overlapping()).isEmpty();
    List<OutboxEntry> dead = outbox.deadLetters(1_000);
    assertThat(dead).hasSize(all.size());
    assertThat(dead)
        .allSatisfy(
            e -> {
              assertThat(e.state()).isEqualTo(OutboxState.DEAD);
              assertThat(e.attempts()).isEqualTo(retry.maxAttempts());
              assertThat(e.lastError())
                  .contains("simulated delivery failure, attempt " + retry.maxAttempts());
              assertThat(e.notification().data())
                  .containsEntry("title", "Ticket " + e.notification().id());
            });
    for (Notification n : all) {
      assertThat(failing.attempts(n.id()))
          .as("attempts at %s", n.id())
          .isEqualTo(retry.maxAttempts());
    }
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where channel = 'mail' and lease_owner is not null"))
        .isZero();

    // An operator re-drives them; a working notifier now delivers each once.
    RecordingNotifier working = RecordingNotifier.working();
    List<OutboxDispatcher> fixed = dispatchers(db, 2, working, retry, Clock.systemUTC());
    assertThat(fixed.get(0).redriveAll()).isEqualTo(all.size());
    assertThat(outbox.deadCount()).isZero();
    assertThat(outbox.redriveAll(Instant.now())).as("nothing left to re-drive").isZero();
    runUntilDrained(fixed);
    assertThat(outbox.pendingCount()).isZero();
    assertThat(outbox.deadCount()).isZero();
    for (Notification n : all) {
      assertThat(working.successes(n.id()))
          .as("deliveries of %s after re-drive", n.id())
          .isEqualTo(1);
    }
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where channel = 'mail' and state = 'DELIVERED' and attempts = 1"))
        .as("attempts start again from zero on re-drive")
        .isEqualTo(all.size());
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void rowsClaimedByADispatcherThatDiedAreDeliveredByAnotherAfterTheLease(TestDatabase db) {
    db.truncate();
    List<Notification> all = notifications("lost", 60);
    enqueue(db.newStore(), all);
    Instant start = Instant.now();

    // Dispatcher A claims everything and dies before delivering anything.
    AppInstance a = instance(db);
    List<OutboxEntry> claimed =
        a.store().outbox().claimDue("dispatcher-a", start, LEASE, 100, List.of(CHANNEL));
    assertThat(claimed).hasSize(all.size());
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where channel = 'mail' and lease_owner = 'dispatcher-a'"))
        .isEqualTo(all.size());

    // B finds nothing while A's lease lasts...
    RecordingNotifier notifier = RecordingNotifier.working();
    MutableClock clockB = MutableClock.frozen(start);
    OutboxDispatcher b =
        dispatcher(
            instance(db).store().outbox(),
            notifier,
            RetryPolicy.DEFAULT,
            clockB,
            settings("dispatcher-b", 25));
    assertThat(b.dispatchDue()).isZero();
    clockB.advance(LEASE.minusSeconds(1));
    assertThat(b.dispatchDue()).isZero();
    assertThat(b.outbox().pendingCount()).isEqualTo(all.size());

    // ... and takes over every row once it has expired.
    clockB.advance(Duration.ofSeconds(2));
    assertThat(b.drain()).isEqualTo(all.size());
    for (Notification n : all) {
      assertThat(notifier.successes(n.id())).as("deliveries of %s", n.id()).isEqualTo(1);
    }
    assertThat(notifier.attempts()).isEqualTo(all.size());
    assertThat(b.outbox().pendingCount()).isZero();

    // A comes back: its outcomes no longer count and change nothing.
    OutboxStore outboxA = a.store().outbox();
    for (OutboxEntry e : claimed) {
      assertThat(outboxA.markDelivered(e.id(), "dispatcher-a", Instant.now())).isFalse();
      assertThat(outboxA.markFailed(e.id(), "dispatcher-a", 1, Instant.now(), "late")).isFalse();
      assertThat(outboxA.markFailed(e.id(), "dispatcher-a", 1, null, "late")).isFalse();
    }
    assertThat(
            Rows.number(
                db,
                "select count(*) from ticketing_outbox where channel = 'mail' and state = 'DELIVERED' and attempts = 1"
                    + " and last_error is null"))
        .isEqualTo(all.size());
    assertThat(outboxA.claimDue("dispatcher-a", clockB.instant(), LEASE, 100, List.of(CHANNEL)))
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRESQL", "MARIADB"})
  void aDispatcherHungInDeliveryLosesItsRowToAnotherAndCannotRecordALateOutcome(TestDatabase db)
      throws Exception {
    db.truncate();
    List<Notification> all = notifications("hung", 10);
    enqueue(db.newStore(), all);

    // A's notifier hangs on the first notification it gets; A claims one row per round.
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger callsA = new AtomicInteger();
    Notifier hanging =
        n -> {
          callsA.incrementAndGet();
          entered.countDown();
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        };
    RecordingOutbox outboxA = new RecordingOutbox(instance(db).store().outbox());
    OutboxDispatcher a =
        dispatcher(
            outboxA, hanging, RetryPolicy.DEFAULT, Clock.systemUTC(), settings("dispatcher-a", 1));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> roundA = pool.submit(a::dispatchDue);
      assertThat(entered.await(20, TimeUnit.SECONDS)).as("A started delivering").isTrue();

      RecordingNotifier notifier = RecordingNotifier.working();
      MutableClock clockB = MutableClock.frozen(Instant.now()); // A claimed before this instant
      OutboxDispatcher b =
          dispatcher(
              instance(db).store().outbox(),
              notifier,
              RetryPolicy.DEFAULT,
              clockB,
              settings("dispatcher-b", 25));
      assertThat(b.drain()).as("B delivers all but the row A holds").isEqualTo(all.size() - 1);
      clockB.advance(LEASE.plusSeconds(1));
      assertThat(b.drain()).as("B takes over A's row once A's lease ended").isEqualTo(1);
      assertThat(b.outbox().pendingCount()).isZero();
      for (Notification n : all) {
        assertThat(notifier.successes(n.id())).isEqualTo(1);
      }

      release.countDown();
      assertThat(roundA.get(20, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(callsA).hasValue(1);
      assertThat(outboxA.deliveredResults).as("A's late markDelivered").containsExactly(false);
      assertThat(
              Rows.number(
                  db,
                  "select count(*) from ticketing_outbox where channel = 'mail' and state = 'DELIVERED' and attempts = 1"))
          .isEqualTo(all.size());
    } finally {
      release.countDown();
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  // ------------------------------------------------------------------ helpers

  private static List<Notification> notifications(String prefix, int count) {
    Instant at = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    List<Notification> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = String.format("%s-%05d", prefix, i);
      out.add(
          new Notification(
              id,
              NotificationTemplate.TICKET_CREATED,
              "admin-" + (i % 7),
              "ticket-" + (i / 3),
              null,
              "customer-1",
              at.plusMillis(i % 50),
              Map.of("title", "Ticket " + id, "status", "OPEN")));
    }
    return out;
  }

  /**
   * The notifications as deliveries on {@link #CHANNEL}, pending: written as requests of one
   * recipient each, then resolved as a dispatcher resolves them. The deliveries then carry exactly
   * these notifications (ids included).
   */
  private static void enqueue(JpaTicketStore store, List<Notification> all) {
    Map<String, Notification> byId = new HashMap<>();
    for (int i = 0; i < all.size(); i += 250) {
      List<NotificationRequest> chunk =
          all.subList(i, Math.min(all.size(), i + 250)).stream()
              .map(
                  n ->
                      new NotificationRequest(
                          n.id(),
                          n.template(),
                          List.of(Recipient.user(n.recipientId())),
                          n.ticketId(),
                          n.commentId(),
                          n.actorId(),
                          n.occurredAt(),
                          n.data()))
              .toList();
      store.inTransaction(
          () -> {
            store.enqueue(chunk);
            return null;
          });
    }
    all.forEach(n -> byId.put(n.id(), n));
    Instant now = Instant.now();
    List<OutboxEntry> requests =
        store
            .outbox()
            .claimDue("resolver", now, LEASE, all.size(), List.of(OutboxStore.RECIPIENTS));
    assertThat(requests).hasSize(all.size());
    for (OutboxEntry r : requests) {
      Notification n = byId.get(r.id());
      assertThat(
              store
                  .outbox()
                  .markResolved(
                      r.id(),
                      "resolver",
                      now,
                      List.of(OutboxEntry.delivery(deliveryId(n), CHANNEL, n, n.occurredAt()))))
          .isTrue();
    }
    assertThat(store.outbox().pendingCount()).isEqualTo(all.size());
  }

  private static String deliveryId(Notification n) {
    return DeliveryIds.deliveryId(n.id(), CHANNEL);
  }

  private static OutboxDispatcher dispatcher(
      OutboxStore outbox,
      Notifier notifier,
      RetryPolicy retry,
      Clock clock,
      OutboxDispatcher.Settings settings) {
    return OutboxDispatcher.builder(outbox)
        .channel(CHANNEL, notifier, retry)
        .clock(clock)
        .settings(settings)
        .build();
  }

  private AppInstance instance(TestDatabase db) {
    AppInstance i = AppInstance.start(db, 2);
    instances.add(i);
    return i;
  }

  private static OutboxDispatcher.Settings settings(String owner, int batchSize) {
    return new OutboxDispatcher.Settings(owner, LEASE, batchSize, Duration.ofMillis(50));
  }

  /** One dispatcher per application instance, each with its own owner name. */
  private List<OutboxDispatcher> dispatchers(
      TestDatabase db, int count, RecordingNotifier notifier, RetryPolicy retry, Clock clock) {
    List<OutboxDispatcher> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          dispatcher(
              instance(db).store().outbox(),
              notifier,
              retry,
              clock,
              settings("dispatcher-" + i + "-" + System.nanoTime(), 25)));
    }
    return out;
  }

  /**
   * Runs every dispatcher on a thread of its own, released together, each calling {@code
   * dispatchDue()} until nothing is pending; returns the notifications each one attempted.
   */
  private static Map<String, Integer> runUntilDrained(List<OutboxDispatcher> dispatchers)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(dispatchers.size());
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (OutboxDispatcher d : dispatchers) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  int attempted = 0;
                  try {
                    while (!failed.get()) {
                      if (System.nanoTime() > deadline) {
                        throw new AssertionError(
                            "outbox not drained within "
                                + DEADLINE
                                + "; pending "
                                + d.outbox().pendingCount());
                      }
                      int n = d.dispatchDue();
                      attempted += n;
                      if (n == 0) {
                        if (d.outbox().pendingCount() == 0) {
                          break;
                        }
                        Thread.sleep(2); // the rest is leased to others, or not yet due
                      }
                    }
                  } catch (Throwable t) {
                    failed.set(true);
                    throw t;
                  }
                  return attempted;
                }));
      }
      go.countDown();
      Map<String, Integer> attempted = new HashMap<>();
      for (int i = 0; i < futures.size(); i++) {
        attempted.put(
            "dispatcher-" + i, futures.get(i).get(DEADLINE.toSeconds() + 10, TimeUnit.SECONDS));
      }
      return attempted;
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new AssertionError("dispatcher threads did not stop");
      }
    }
  }

  /** Passes everything to the real outbox and keeps what {@code markDelivered} answered. */
  private static final class RecordingOutbox extends ForwardingOutboxStore {
    final List<Boolean> deliveredResults =
        java.util.Collections.synchronizedList(new ArrayList<>());

    RecordingOutbox(OutboxStore delegate) {
      super(delegate);
    }

    @Override
    public boolean markDelivered(String entryId, String owner, Instant now) {
      boolean result = super.markDelivered(entryId, owner, now);
      deliveredResults.add(result);
      return result;
    }
  }
}
