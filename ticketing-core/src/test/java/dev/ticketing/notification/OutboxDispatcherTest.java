package dev.ticketing.notification;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.support.Desk;
import dev.ticketing.support.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivery after commit, at least once: retries at the policy's back-off, dead letters an operator
 * can list and re-drive, notifiers that hang or throw never touch ticket operations, and dispatchers
 * sharing one outbox never hold the same notification at once.
 */
class OutboxDispatcherTest {

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T10:00:00Z");
  private final InMemoryTicketStore store = new InMemoryTicketStore();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  // ------------------------------------------------------------------ retries and dead letters

  @Test
  @DisplayName("a notifier failing 3 times: retried at 10 s, 20 s, 40 s (not earlier), then delivered exactly once")
  void retriesAtTheBackOffThenDeliversOnce() {
    FlakyNotifier notifier = new FlakyNotifier(3);
    OutboxDispatcher dispatcher = dispatcher(notifier, RetryPolicy.DEFAULT, "a");
    enqueue(notification("n1", clock.instant()));

    for (int failure = 1; failure <= 3; failure++) {
      Instant before = clock.instant();
      assertThat(dispatcher.dispatchDue()).as("attempt %d is due", failure).isEqualTo(1);
      Instant after = clock.instant();

      Duration delay = RetryPolicy.DEFAULT.delayAfter(failure);
      OutboxEntry entry = onlyEntry();
      assertThat(entry.state()).isEqualTo(OutboxState.PENDING);
      assertThat(entry.attempts()).isEqualTo(failure);
      assertThat(entry.lastError()).isEqualTo("java.io.IOException: smtp down (call " + failure + ")");
      assertThat(entry.nextAttemptAt()).isBetween(before.plus(delay), after.plus(delay));

      clock.advance(delay.minusMillis(1));
      assertThat(dispatcher.dispatchDue()).as("nothing is due 1 ms before the %s back-off", delay).isZero();
      clock.advance(Duration.ofMillis(1));
    }
    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(notifier.calls.get()).isEqualTo(4);
    assertThat(notifier.delivered).containsExactly("n1");
    assertThat(onlyEntry().state()).isEqualTo(OutboxState.DELIVERED);
    // Delivered means done: no later round sends it again.
    clock.advance(Duration.ofDays(1));
    assertThat(dispatcher.drain()).isZero();
    assertThat(notifier.delivered).containsExactly("n1");
    assertThat(store.outbox().pendingCount()).isZero();
  }

  @Test
  @DisplayName("a notifier that always fails: dead letter after maxAttempts with lastError; redrive delivers it once")
  void deadLetterAfterMaxAttemptsThenRedriven() {
    FlakyNotifier notifier = new FlakyNotifier(Integer.MAX_VALUE);
    OutboxDispatcher dispatcher = dispatcher(notifier, RetryPolicy.DEFAULT, "a");
    enqueue(notification("n1", clock.instant()));

    for (int attempt = 1; attempt <= RetryPolicy.DEFAULT.maxAttempts(); attempt++) {
      assertThat(dispatcher.dispatchDue()).as("attempt %d", attempt).isEqualTo(1);
      Duration delay = RetryPolicy.DEFAULT.delayAfter(attempt);
      if (attempt < RetryPolicy.DEFAULT.maxAttempts()) {
        assertThat(onlyEntry().state()).isEqualTo(OutboxState.PENDING);
        clock.advance(delay);
      } else {
        assertThat(delay).isNull();
      }
    }

    assertThat(store.outbox().deadCount()).isEqualTo(1);
    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(dispatcher.deadLetters(10)).singleElement().satisfies(e -> {
      assertThat(e.notification().id()).isEqualTo("n1");
      assertThat(e.state()).isEqualTo(OutboxState.DEAD);
      assertThat(e.attempts()).isEqualTo(10);
      assertThat(e.lastError()).isEqualTo("java.io.IOException: smtp down (call 10)");
    });
    clock.advance(Duration.ofDays(7));
    assertThat(dispatcher.drain()).as("dead letters are never picked up by themselves").isZero();
    assertThat(notifier.calls.get()).isEqualTo(10);

    // The operator repairs the channel and re-drives the letter.
    notifier.heal();
    assertThat(dispatcher.redrive("unknown")).isFalse();
    assertThat(dispatcher.redrive("n1")).isTrue();
    assertThat(dispatcher.redrive("n1")).as("no longer dead").isFalse();
    assertThat(dispatcher.deadLetters(10)).isEmpty();
    assertThat(onlyEntry()).satisfies(e -> {
      assertThat(e.state()).isEqualTo(OutboxState.PENDING);
      assertThat(e.attempts()).as("attempts start again").isZero();
      assertThat(e.lastError()).as("why it had died stays visible").contains("smtp down");
    });

    assertThat(dispatcher.dispatchDue()).isEqualTo(1);
    assertThat(notifier.delivered).containsExactly("n1");
    assertThat(onlyEntry().state()).isEqualTo(OutboxState.DELIVERED);
    assertThat(dispatcher.drain()).isZero();
  }

  @Test
  void deadLettersAreListedOldestFirstAndRedrivenTogether() {
    FlakyNotifier notifier = new FlakyNotifier(Integer.MAX_VALUE);
    OutboxDispatcher dispatcher = dispatcher(notifier, RetryPolicy.fixed(2, Duration.ofSeconds(10)), "a");
    Instant t0 = clock.instant();
    enqueue(notification("late", t0.plusMillis(2)), notification("early", t0), notification("middle", t0.plusMillis(1)));
    clock.advance(Duration.ofSeconds(1));

    assertThat(dispatcher.drain()).isEqualTo(3);
    clock.advance(Duration.ofSeconds(10));
    assertThat(dispatcher.drain()).isEqualTo(3);

    assertThat(dispatcher.deadLetters(10)).extracting(e -> e.notification().id()).containsExactly("early", "middle", "late");
    assertThat(dispatcher.deadLetters(2)).hasSize(2);
    notifier.heal();
    assertThat(dispatcher.redriveAll()).isEqualTo(3);
    assertThat(dispatcher.drain()).isEqualTo(3);
    assertThat(notifier.delivered).containsExactlyInAnyOrder("early", "middle", "late");
    assertThat(store.outbox().deadCount()).isZero();
    assertThat(dispatcher.redriveAll()).isZero();
  }

  // ------------------------------------------------------------------ notifiers never touch ticket operations

  @Test
  @DisplayName("a notifier stuck in delivery does not block createTicket with background dispatch on")
  void blockedNotifierDoesNotBlockTicketOperations() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    Notifier stuck = n -> {
      entered.countDown();
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the notifier");
      }
      delivered.add(n.id());
    };
    Ticketing ticketing = Ticketing.builder()
        .directory(Desk.DIRECTORY)
        .notifier(stuck)
        .dispatch(OutboxDispatcher.Settings.defaults().withPollInterval(Duration.ofMillis(20)))
        .build();
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      assertThat(ticketing.dispatcher().isRunning()).isTrue();
      TicketService service = ticketing.service();
      TicketView first = service.createTicket(JOHN, CreateTicket.of("First", "notifies the admins", "acme"));
      assertThat(entered.await(10, TimeUnit.SECONDS)).as("the dispatcher is inside the notifier").isTrue();

      // While the notifier hangs, further operations return promptly and only write the outbox.
      Future<TicketView> second = caller.submit(
          () -> service.createTicket(JOHN, CreateTicket.of("Second", "while the notifier hangs", "acme")));
      assertThat(second.get(10, TimeUnit.SECONDS).title()).isEqualTo("Second");
      Future<?> more = caller.submit(() -> {
        service.assignTicket(ADMIN, new AssignTicket(first.id(), "sarah"));
        service.addComment(SARAH, new AddComment(first.id(), "on it", false));
        return service.changeStatus(SARAH, new ChangeStatus(first.id(), Status.RESOLVED));
      });
      more.get(10, TimeUnit.SECONDS);
      assertThat(release.getCount()).as("the notifier is still stuck").isEqualTo(1);
      assertThat(delivered).isEmpty();

      release.countDown();
      // 2 admins x 2 tickets, assigned -> sarah, comment -> john, resolved -> john
      awaitUntil(() -> delivered.size() == 7, Duration.ofSeconds(10));
      assertThat(ticketing.store().outbox().pendingCount()).isZero();
    } finally {
      release.countDown();
      caller.shutdownNow();
      ticketing.close();
    }
  }

  @Test
  @DisplayName("a notifier that always throws never makes a ticket operation fail; nothing is lost")
  void throwingNotifierNeverFailsTicketOperations() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Notifier broken = n -> {
      calls.incrementAndGet();
      throw new IllegalStateException("mail relay rejected " + n.id());
    };
    Ticketing ticketing = Ticketing.builder()
        .directory(Desk.DIRECTORY)
        .notifier(broken)
        .retryPolicy(RetryPolicy.fixed(3, Duration.ofHours(1)))
        .dispatch(OutboxDispatcher.Settings.defaults().withPollInterval(Duration.ofMillis(20)))
        .build();
    try {
      TicketService service = ticketing.service();
      TicketView t = service.createTicket(JOHN, CreateTicket.of("Broken mail", "admins cannot be told", "acme"));
      service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      service.addComment(SARAH, new AddComment(t.id(), "looking", false));
      service.addComment(JOHN, new AddComment(t.id(), "thanks", false));
      TicketView resolved = service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
      assertThat(resolved.status()).isEqualTo(Status.RESOLVED);

      InMemoryTicketStore s = (InMemoryTicketStore) ticketing.store();
      awaitUntil(() -> s.outboxEntries().stream().allMatch(e -> e.attempts() >= 1), Duration.ofSeconds(10));
      assertThat(s.outboxEntries()).hasSize(6).allSatisfy(e -> {
        assertThat(e.state()).isEqualTo(OutboxState.PENDING);
        assertThat(e.lastError()).startsWith("java.lang.IllegalStateException: mail relay rejected");
      });
      assertThat(ticketing.dispatcher().isRunning()).isTrue();
      assertThat(service.ticket(ADMIN, t.id()).comments()).hasSize(2);
    } finally {
      ticketing.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"checked", "unchecked", "linkage", "assertion"})
  void dispatchRoundSurvivesAThrowingNotifier(String kind) throws Exception {
    Notifier throwing = n -> {
      switch (kind) {
        case "checked" -> throw new IOException("socket closed");
        case "unchecked" -> throw new IllegalArgumentException("bad address");
        case "linkage" -> throw new NoClassDefFoundError("com/example/MailClient");
        default -> throw new AssertionError("a host's assert in its mail code");
      }
    };
    try (Desk desk = new Desk()) {
      Ticketing ticketing = Ticketing.builder().store(desk.store).directory(Desk.DIRECTORY).notifier(throwing)
          .clock(desk.clock).backgroundDispatch(false).build();
      toClose.add(ticketing);
      ticketing.service().createTicket(JOHN, CreateTicket.of("Hello", "world", "acme"));

      assertThat(ticketing.dispatcher().dispatchDue()).isEqualTo(2);
      assertThat(desk.store.outboxEntries()).hasSize(2).allSatisfy(e -> {
        assertThat(e.state()).isEqualTo(OutboxState.PENDING);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastError()).isNotBlank();
      });
    }
  }

  @Test
  @DisplayName("a notifier throwing an Error (here AssertionError) does not kill the background dispatcher")
  void backgroundDispatcherSurvivesANotifierError() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    Notifier assertsOnce = n -> {
      if (calls.incrementAndGet() == 1) {
        throw new AssertionError("a host's assert in its mail code");
      }
      delivered.add(n.id());
    };
    Ticketing ticketing = Ticketing.builder()
        .directory(Desk.DIRECTORY)
        .notifier(assertsOnce)
        .retryPolicy(RetryPolicy.fixed(5, Duration.ofMillis(50)))
        .dispatch(OutboxDispatcher.Settings.defaults().withPollInterval(Duration.ofMillis(20)))
        .build();
    try {
      ticketing.service().createTicket(JOHN, CreateTicket.of("First", "2 notifications", "acme"));
      awaitUntil(() -> calls.get() >= 1, Duration.ofSeconds(10));
      ticketing.service().createTicket(JOHN, CreateTicket.of("Second", "2 more", "acme"));

      awaitUntil(() -> delivered.size() == 4, Duration.ofSeconds(10));
      assertThat(ticketing.store().outbox().pendingCount()).isZero();
      assertThat(((InMemoryTicketStore) ticketing.store()).outboxEntries())
          .anySatisfy(e -> assertThat(e.lastError()).startsWith("java.lang.AssertionError"));
    } finally {
      ticketing.close();
    }
  }

  // ------------------------------------------------------------------ several dispatchers on one outbox

  @Test
  @DisplayName("two dispatchers on one outbox, 1,000 notifications, ~30% failures: all delivered, never two at once")
  void twoDispatchersShareOneOutbox() throws Exception {
    int count = 1_000;
    List<Notification> all = IntStream.range(0, count)
        .mapToObj(i -> notification(String.format("n%04d", i), clock.instant()))
        .toList();
    for (int from = 0; from < count; from += 100) {
      enqueue(all.subList(from, from + 100).toArray(Notification[]::new));
    }

    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    Map<String, Integer> attemptsSeen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> deliveredBy = new ConcurrentHashMap<>();
    ThreadLocal<String> owner = new ThreadLocal<>();
    Notifier flaky = n -> {
      if (!inFlight.add(n.id())) {
        overlaps.incrementAndGet();
      }
      try {
        calls.incrementAndGet();
        int attempt = attemptsSeen.merge(n.id(), 1, Integer::sum);
        Thread.yield();
        if (failsOn(n.id(), attempt)) {
          throw new IOException("flaky channel");
        }
        deliveries.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
        deliveredBy.computeIfAbsent(owner.get(), k -> new AtomicInteger()).incrementAndGet();
      } finally {
        inFlight.remove(n.id());
      }
    };
    // No wait between attempts, so the two dispatchers keep taking over each other's retries.
    RetryPolicy retry = RetryPolicy.fixed(100, Duration.ZERO);
    OutboxDispatcher a = new OutboxDispatcher(store.outbox(), flaky, retry, clock,
        OutboxDispatcher.Settings.defaults().withOwner("a").withBatchSize(10));
    OutboxDispatcher b = new OutboxDispatcher(store.outbox(), flaky, retry, clock,
        OutboxDispatcher.Settings.defaults().withOwner("b").withBatchSize(10));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (OutboxDispatcher d : List.of(a, b)) {
        String name = d == a ? "a" : "b";
        runs.add(pool.submit(() -> {
          owner.set(name);
          start.await();
          while (store.outbox().pendingCount() > 0 && System.nanoTime() < deadline) {
            if (d.dispatchDue() == 0) {
              Thread.yield();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int expectedCalls = 0;
    for (Notification n : all) {
      int attempt = 1;
      while (failsOn(n.id(), attempt)) {
        attempt++;
      }
      expectedCalls += attempt;
    }
    assertThat(overlaps.get()).as("a notification was in two dispatchers' hands at once").isZero();
    assertThat(deliveries.keySet()).hasSize(count);
    assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(calls.get()).as("attempts are deterministic per notification").isEqualTo(expectedCalls);
    assertThat(expectedCalls - count).as("roughly 30%% of attempts fail").isBetween(300, 600);
    assertThat(deliveredBy.keySet()).as("both dispatchers worked").containsExactlyInAnyOrder("a", "b");
    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(store.outbox().deadCount()).isZero();
    Map<String, Integer> attempts = store.outboxEntries().stream()
        .collect(Collectors.toMap(e -> e.notification().id(), OutboxEntry::attempts));
    assertThat(store.outboxEntries()).allSatisfy(e -> assertThat(e.state()).isEqualTo(OutboxState.DELIVERED));
    for (Notification n : all) {
      assertThat(attempts.get(n.id())).as("attempts, the successful one included, recorded for %s", n.id())
          .isEqualTo(attemptsSeen.get(n.id()));
    }
  }

  /** Deterministic ~30% failure per (notification, attempt). */
  private static boolean failsOn(String id, int attempt) {
    return new SplittableRandom(id.hashCode() * 1_000_003L + attempt).nextDouble() < 0.3;
  }

  // ------------------------------------------------------------------ helpers

  private OutboxDispatcher dispatcher(Notifier notifier, RetryPolicy retry, String owner) {
    OutboxDispatcher d = new OutboxDispatcher(store.outbox(), notifier, retry, clock,
        OutboxDispatcher.Settings.defaults().withOwner(owner));
    toClose.add(d);
    return d;
  }

  private void enqueue(Notification... notifications) {
    store.inTransaction(() -> {
      store.enqueue(List.of(notifications));
      return null;
    });
  }

  private OutboxEntry onlyEntry() {
    List<OutboxEntry> entries = store.outboxEntries();
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  private static Notification notification(String id, Instant at) {
    return new Notification(id, Templates.TICKET_CREATED, "admin", "t1", null, "john", at, Map.of("ticketTitle", "Hi"));
  }

  private static void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(10);
    }
  }

  /** Fails the first {@code failures} calls with an IOException, then delivers. */
  private static final class FlakyNotifier implements Notifier {
    final AtomicInteger calls = new AtomicInteger();
    final List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int failures;

    FlakyNotifier(int failures) {
      this.failures = failures;
    }

    void heal() {
      failures = 0;
    }

    @Override
    public void deliver(Notification n) throws IOException {
      int call = calls.incrementAndGet();
      if (call <= failures) {
        throw new IOException("smtp down (call " + call + ")");
      }
      delivered.add(n.id());
    }
  }
}
