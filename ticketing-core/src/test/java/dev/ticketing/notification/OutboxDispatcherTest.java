package dev.ticketing.notification;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static dev.ticketing.support.Desk.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Delivery after commit, at least once and per channel: requests are resolved into one delivery
 * per (notification, channel); each retries at its channel's back-off, becomes a dead letter an
 * operator can list and re-drive, and never makes another channel send again. Notifiers that hang
 * or throw never touch ticket operations, and dispatchers sharing one outbox never hold the same
 * row at once.
 */
class OutboxDispatcherTest {

  private final MutableClock clock = MutableClock.ticking("2026-01-01T10:00:00Z");
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
  @DisplayName(
      "a channel failing 3 times: retried at 10 s, 20 s, 40 s (not earlier), then delivered exactly once")
  void retriesAtTheBackOffThenDeliversOnce() {
    FlakyNotifier notifier = new FlakyNotifier(3);
    OutboxDispatcher dispatcher = dispatcher("a", Channel.of("mail", notifier));
    enqueue(request("n1", clock.instant()));
    assertThat(dispatcher.dispatchDue()).as("the request is resolved first").isEqualTo(1);

    for (int failure = 1; failure <= 3; failure++) {
      Instant before = clock.instant();
      assertThat(dispatcher.dispatchDue()).as("attempt %d is due", failure).isEqualTo(1);
      Instant after = clock.instant();

      Duration delay = RetryPolicy.DEFAULT.delayAfter(failure);
      OutboxEntry entry = onlyDelivery();
      assertThat(entry.state()).isEqualTo(OutboxState.PENDING);
      assertThat(entry.attempts()).isEqualTo(failure);
      assertThat(entry.lastError())
          .isEqualTo("java.io.IOException: smtp down (call " + failure + ")");
      assertThat(entry.nextAttemptAt()).isBetween(before.plus(delay), after.plus(delay));

      clock.advance(delay.minusMillis(1));
      assertThat(dispatcher.dispatchDue())
          .as("nothing is due 1 ms before the %s back-off", delay)
          .isZero();
      clock.advance(Duration.ofMillis(1));
    }
    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(notifier.calls.get()).isEqualTo(4);
    assertThat(notifier.delivered).containsExactly(notificationId("n1", "admin"));
    assertThat(notifier.attempts).containsExactly(1, 2, 3, 4);
    assertThat(onlyDelivery().state()).isEqualTo(OutboxState.DELIVERED);
    // Delivered means done: no later round sends it again.
    clock.advance(Duration.ofDays(1));
    assertThat(dispatcher.drain()).isZero();
    assertThat(notifier.delivered).hasSize(1);
    assertThat(store.outbox().pendingCount()).isZero();
  }

  @Test
  @DisplayName(
      "a channel that always fails: 1 attempt + 10 retries, then a dead letter with lastError; redrive delivers it once")
  void deadLetterAfterTheLastRetryThenRedriven() {
    FlakyNotifier notifier = new FlakyNotifier(Integer.MAX_VALUE);
    OutboxDispatcher dispatcher = dispatcher("a", Channel.of("mail", notifier));
    enqueue(request("n1", clock.instant()));
    dispatcher.dispatchDue();

    int attempts = 1 + RetryPolicy.DEFAULT.maxRetries();
    assertThat(attempts).isEqualTo(11);
    for (int attempt = 1; attempt <= attempts; attempt++) {
      assertThat(dispatcher.dispatchDue()).as("attempt %d", attempt).isEqualTo(1);
      Duration delay = RetryPolicy.DEFAULT.delayAfter(attempt);
      if (attempt < attempts) {
        assertThat(onlyDelivery().state()).isEqualTo(OutboxState.PENDING);
        clock.advance(delay);
      } else {
        assertThat(delay).isNull();
      }
    }

    assertThat(store.outbox().deadCount()).isEqualTo(1);
    assertThat(store.outbox().pendingCount()).isZero();
    String deliveryId = DeliveryIds.deliveryId(notificationId("n1", "admin"), "mail");
    assertThat(dispatcher.deadLetters(10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo(deliveryId);
              assertThat(e.channel()).isEqualTo("mail");
              assertThat(e.notification().recipientId()).isEqualTo("admin");
              assertThat(e.state()).isEqualTo(OutboxState.DEAD);
              assertThat(e.attempts()).isEqualTo(11);
              assertThat(e.lastError()).isEqualTo("java.io.IOException: smtp down (call 11)");
            });
    clock.advance(Duration.ofDays(7));
    assertThat(dispatcher.drain()).as("dead letters are never picked up by themselves").isZero();
    assertThat(notifier.calls.get()).isEqualTo(11);

    // The operator repairs the channel and re-drives the letter.
    notifier.heal();
    assertThat(dispatcher.redrive("unknown")).isFalse();
    assertThat(dispatcher.redrive(deliveryId)).isTrue();
    assertThat(dispatcher.redrive(deliveryId)).as("no longer dead").isFalse();
    assertThat(dispatcher.deadLetters(10)).isEmpty();
    assertThat(onlyDelivery())
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(OutboxState.PENDING);
              assertThat(e.attempts()).as("attempts start again").isZero();
              assertThat(e.lastError()).as("why it had died stays visible").contains("smtp down");
            });

    assertThat(dispatcher.dispatchDue()).isEqualTo(1);
    assertThat(notifier.delivered).containsExactly(notificationId("n1", "admin"));
    assertThat(onlyDelivery().state()).isEqualTo(OutboxState.DELIVERED);
    assertThat(dispatcher.drain()).isZero();
  }

  @Test
  void deadLettersAreListedOldestFirstAndRedrivenTogether() {
    FlakyNotifier notifier = new FlakyNotifier(Integer.MAX_VALUE);
    OutboxDispatcher dispatcher =
        dispatcher(
            "a", new Channel("mail", notifier, RetryPolicy.fixed(1, Duration.ofSeconds(10))));
    Instant t0 = clock.instant();
    enqueue(
        request("late", t0.plusMillis(2)),
        request("early", t0),
        request("middle", t0.plusMillis(1)));
    clock.advance(Duration.ofSeconds(1));

    assertThat(dispatcher.drain()).as("3 resolutions, 3 first attempts").isEqualTo(6);
    clock.advance(Duration.ofSeconds(10));
    assertThat(dispatcher.drain()).as("3 retries").isEqualTo(3);

    assertThat(dispatcher.deadLetters(10))
        .extracting(e -> e.request().id())
        .containsExactly(
            notificationId("early", "admin"),
            notificationId("middle", "admin"),
            notificationId("late", "admin"));
    assertThat(dispatcher.deadLetters(2)).hasSize(2);
    notifier.heal();
    assertThat(dispatcher.redriveAll()).isEqualTo(3);
    assertThat(dispatcher.drain()).isEqualTo(3);
    assertThat(notifier.delivered).hasSize(3);
    assertThat(store.outbox().deadCount()).isZero();
    assertThat(dispatcher.redriveAll()).isZero();
  }

  // ------------------------------------------------------------------ channels are independent

  @Test
  @DisplayName(
      "push down for an hour: each mail goes out exactly once while push retries, dies, and is re-driven alone")
  void aChannelThatFailsNeverMakesAnotherOneSendAgain() {
    FlakyNotifier mail = new FlakyNotifier(0);
    FlakyNotifier push = new FlakyNotifier(Integer.MAX_VALUE);
    RetryPolicy pushRetry = RetryPolicy.fixed(3, Duration.ofMinutes(5));
    OutboxDispatcher dispatcher =
        dispatcher("a", Channel.of("mail", mail), new Channel("push", push, pushRetry));
    enqueue(request("n1", clock.instant()), request("n2", clock.instant()));

    // The push provider is down for an hour; the clock moves a minute at a time.
    for (int minute = 0; minute < 60; minute++) {
      dispatcher.drain();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(mail.delivered)
        .as("each mail exactly once")
        .containsExactlyInAnyOrder(notificationId("n1", "admin"), notificationId("n2", "admin"));
    assertThat(push.calls.get()).as("1 attempt + 3 retries per notification").isEqualTo(8);
    assertThat(push.delivered).isEmpty();
    assertThat(dispatcher.counts())
        .containsEntry("push", Map.of(OutboxState.PENDING, 0L, OutboxState.DEAD, 2L))
        .containsEntry("mail", Map.of(OutboxState.PENDING, 0L, OutboxState.DEAD, 0L))
        .containsEntry(
            OutboxStore.RECIPIENTS, Map.of(OutboxState.PENDING, 0L, OutboxState.DEAD, 0L));
    assertThat(dispatcher.entries(OutboxState.DEAD, "push", 10))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.attempts()).isEqualTo(pushRetry.maxAttempts()));
    assertThat(dispatcher.entries(OutboxState.DEAD, "mail", 10)).isEmpty();

    // Push is back; re-driving its channel sends push only.
    push.heal();
    assertThat(dispatcher.redriveChannel("mail")).isZero();
    assertThat(dispatcher.redriveChannel("push")).isEqualTo(2);
    dispatcher.drain();
    assertThat(push.delivered).hasSize(2);
    assertThat(mail.delivered).hasSize(2);
    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(store.outbox().deadCount()).isZero();
  }

  @Test
  @DisplayName(
      "each channel backs off with its own policy; delivery ids are stable per (notification, channel)")
  void eachChannelHasItsOwnRetryPolicyAndDeliveryId() {
    List<Delivery> seen = new CopyOnWriteArrayList<>();
    Notifier failingMail =
        new Notifier() {
          @Override
          public void deliver(Notification n) {
            throw new AssertionError("the dispatcher hands channels a Delivery");
          }

          @Override
          public void deliver(Delivery d) throws IOException {
            seen.add(d);
            throw new IOException("down");
          }
        };
    Notifier failingPush =
        new Notifier() {
          @Override
          public void deliver(Notification n) {
            throw new AssertionError("the dispatcher hands channels a Delivery");
          }

          @Override
          public void deliver(Delivery d) throws IOException {
            seen.add(d);
            throw new IOException("down");
          }
        };
    OutboxDispatcher dispatcher =
        dispatcher(
            "a",
            Channel.of("mail", failingMail),
            new Channel("push", failingPush, RetryPolicy.HASURA));
    enqueue(request("n1", clock.instant()));
    dispatcher.dispatchDue();
    Instant before = clock.instant();
    dispatcher.dispatchDue();

    Map<String, OutboxEntry> byChannel =
        deliveries().stream().collect(Collectors.toMap(OutboxEntry::channel, e -> e));
    assertThat(byChannel.get("mail").nextAttemptAt())
        .isBetween(before.plusSeconds(10), clock.instant().plusSeconds(10));
    assertThat(byChannel.get("push").nextAttemptAt())
        .isBetween(before.plusSeconds(10), clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    dispatcher.dispatchDue();
    byChannel = deliveries().stream().collect(Collectors.toMap(OutboxEntry::channel, e -> e));
    Instant afterSecond = clock.instant();
    assertThat(byChannel.get("mail").nextAttemptAt())
        .as("the default doubles")
        .isBetween(afterSecond.plusSeconds(19), afterSecond.plusSeconds(20));
    assertThat(byChannel.get("push").nextAttemptAt())
        .as("Hasura's is fixed")
        .isBetween(afterSecond.plusSeconds(9), afterSecond.plusSeconds(10));

    String n1 = notificationId("n1", "admin");
    assertThat(seen)
        .extracting(Delivery::channel)
        .containsExactlyInAnyOrder("mail", "push", "mail", "push");
    assertThat(seen)
        .allSatisfy(
            d -> {
              assertThat(d.notification().id()).isEqualTo(n1);
              assertThat(d.id()).isEqualTo(DeliveryIds.deliveryId(n1, d.channel()));
            });
    assertThat(seen.stream().map(Delivery::id).distinct())
        .as("one id per channel, the same on the retry")
        .hasSize(2);
    assertThat(seen.stream().filter(d -> d.channel().equals("mail")).map(Delivery::attempt))
        .containsExactly(1, 2);
  }

  @Test
  void channelNamesAreCheckedAndUnique() {
    assertThatThrownBy(() -> Channel.of(OutboxStore.RECIPIENTS, n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Channel.of("has space", n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Channel.of("x".repeat(65), n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Channel.of("ticketingEmailNotifier", n -> {}).name())
        .isEqualTo("ticketingEmailNotifier");
    assertThatThrownBy(
            () ->
                OutboxDispatcher.builder(store.outbox())
                    .channel("mail", n -> {})
                    .channel("mail", n -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mail");
    assertThatThrownBy(() -> Ticketing.builder().channel("mail", n -> {}).channel("mail", n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a dispatcher claims only the channels it serves; other rows wait for theirs")
  void rowsOfChannelsADispatcherDoesNotServeWaitForTheirOwn() {
    FlakyNotifier mail = new FlakyNotifier(0);
    FlakyNotifier sms = new FlakyNotifier(0);
    OutboxDispatcher both = dispatcher("both", Channel.of("mail", mail), Channel.of("sms", sms));
    enqueue(request("n1", clock.instant()));
    both.dispatchDue(); // resolved into a mail and an sms delivery

    OutboxDispatcher mailOnly = dispatcher("mail-only", Channel.of("mail", mail));
    assertThat(mailOnly.drain()).isEqualTo(1);
    assertThat(mail.delivered).hasSize(1);
    assertThat(sms.delivered).isEmpty();
    assertThat(mailOnly.counts())
        .containsEntry("sms", Map.of(OutboxState.PENDING, 1L, OutboxState.DEAD, 0L));
    assertThat(both.drain()).isEqualTo(1);
    assertThat(sms.delivered).hasSize(1);
    assertThat(mail.delivered).hasSize(1);
  }

  // ------------------------------------------------------------------ recipients resolved at
  // delivery

  @Test
  @DisplayName(
      "the directory down: writes succeed, notifications wait and arrive once it answers again")
  void aDirectoryOutageDelaysNotificationsAndNeverFailsAWrite() {
    FlakyDirectory directory = new FlakyDirectory();
    FlakyNotifier mail = new FlakyNotifier(0);
    Ticketing ticketing =
        Ticketing.builder()
            .store(store)
            .directory(directory)
            .clock(clock)
            .channel("mail", mail)
            .recipientRetry(RetryPolicy.fixed(20, Duration.ofMinutes(1)))
            .backgroundDispatch(false)
            .build();
    toClose.add(ticketing);
    directory.down = true;

    TicketView t =
        ticketing.service().createTicket(JOHN, CreateTicket.of("Printer", "On fire", "acme"));
    TicketView read = ticketing.service().ticket(JOHN, t.id()).ticket();
    ticketing.service().addComment(JOHN, new AddComment(t.id(), "any news?", false));

    assertThat(t.user().known()).as("the view of the committed write shows ids only").isFalse();
    assertThat(t.user().id()).isEqualTo("john");
    assertThat(t.company().known()).isFalse();
    assertThat(read.company().id()).isEqualTo("acme");
    assertThat(read.company().name()).isNull();
    assertThat(ticketing.directoryFailures().views()).isGreaterThanOrEqualTo(2);

    for (int minute = 0; minute < 10; minute++) {
      ticketing.dispatcher().drain();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(mail.delivered)
        .as("nothing delivered while nobody knows who the admins are")
        .isEmpty();
    assertThat(ticketing.dispatcher().counts().get(OutboxStore.RECIPIENTS))
        .containsEntry(OutboxState.PENDING, 2L);
    assertThat(store.outbox().list(OutboxState.PENDING, OutboxStore.RECIPIENTS, 10))
        .allSatisfy(e -> assertThat(e.lastError()).contains("directory down"));
    assertThat(ticketing.directoryFailures().recipients()).isEqualTo(20);

    directory.down = false;
    ticketing.dispatcher().drain();
    assertThat(mail.delivered).hasSize(4); // 2 admins, each told of the ticket and of the reply
    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(ticketing.service().ticket(ADMIN, t.id()).ticket().user().known()).isTrue();
  }

  // ------------------------------------------------------------------ notifiers never touch ticket
  // operations

  @Test
  @DisplayName(
      "a notifier stuck in delivery does not block createTicket with background dispatch on")
  void blockedNotifierDoesNotBlockTicketOperations() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    Notifier stuck =
        n -> {
          entered.countDown();
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the notifier");
          }
          delivered.add(n.id());
        };
    Ticketing ticketing =
        Ticketing.builder()
            .directory(Desk.DIRECTORY)
            .notifier(stuck)
            .dispatch(OutboxDispatcher.Settings.defaults().withPollInterval(Duration.ofMillis(20)))
            .build();
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      assertThat(ticketing.dispatcher().isRunning()).isTrue();
      TicketService service = ticketing.service();
      TicketView first =
          service.createTicket(JOHN, CreateTicket.of("First", "notifies the admins", "acme"));
      assertThat(entered.await(10, TimeUnit.SECONDS))
          .as("the dispatcher is inside the notifier")
          .isTrue();

      // While the notifier hangs, further operations return promptly and only write the outbox.
      Future<TicketView> second =
          caller.submit(
              () ->
                  service.createTicket(
                      JOHN, CreateTicket.of("Second", "while the notifier hangs", "acme")));
      assertThat(second.get(10, TimeUnit.SECONDS).title()).isEqualTo("Second");
      Future<?> more =
          caller.submit(
              () -> {
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
      awaitUntil(() -> ticketing.store().outbox().pendingCount() == 0, Duration.ofSeconds(10));
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
    Notifier broken =
        n -> {
          calls.incrementAndGet();
          throw new IllegalStateException("mail relay rejected " + n.id());
        };
    Ticketing ticketing =
        Ticketing.builder()
            .directory(Desk.DIRECTORY)
            .notifier(broken)
            .retryPolicy(RetryPolicy.fixed(2, Duration.ofHours(1)))
            .dispatch(OutboxDispatcher.Settings.defaults().withPollInterval(Duration.ofMillis(20)))
            .build();
    try {
      TicketService service = ticketing.service();
      TicketView t =
          service.createTicket(
              JOHN, CreateTicket.of("Broken mail", "admins cannot be told", "acme"));
      service.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
      service.addComment(SARAH, new AddComment(t.id(), "looking", false));
      service.addComment(JOHN, new AddComment(t.id(), "thanks", false));
      TicketView resolved = service.changeStatus(SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
      assertThat(resolved.status()).isEqualTo(Status.RESOLVED);

      InMemoryTicketStore s = (InMemoryTicketStore) ticketing.store();
      awaitUntil(
          () ->
              deliveries(s).size() == 6 && deliveries(s).stream().allMatch(e -> e.attempts() >= 1),
          Duration.ofSeconds(10));
      assertThat(deliveries(s))
          .hasSize(6)
          .allSatisfy(
              e -> {
                assertThat(e.state()).isEqualTo(OutboxState.PENDING);
                assertThat(e.lastError())
                    .startsWith("java.lang.IllegalStateException: mail relay rejected");
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
    Notifier throwing =
        n -> {
          switch (kind) {
            case "checked" -> throw new IOException("socket closed");
            case "unchecked" -> throw new IllegalArgumentException("bad address");
            case "linkage" -> throw new NoClassDefFoundError("com/example/MailClient");
            default -> throw new AssertionError("a host's assert in its mail code");
          }
        };
    try (Desk desk = new Desk()) {
      Ticketing ticketing =
          Ticketing.builder()
              .store(desk.store)
              .directory(Desk.DIRECTORY)
              .notifier(throwing)
              .clock(desk.clock)
              .backgroundDispatch(false)
              .build();
      toClose.add(ticketing);
      ticketing.service().createTicket(JOHN, CreateTicket.of("Hello", "world", "acme"));

      assertThat(ticketing.dispatcher().dispatchDue()).as("the request").isEqualTo(1);
      assertThat(ticketing.dispatcher().dispatchDue()).as("one delivery per admin").isEqualTo(2);
      assertThat(deliveries(desk.store))
          .hasSize(2)
          .allSatisfy(
              e -> {
                assertThat(e.state()).isEqualTo(OutboxState.PENDING);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.lastError()).isNotBlank();
              });
    }
  }

  @Test
  @DisplayName(
      "a notifier throwing an Error (here AssertionError) does not kill the background dispatcher")
  void backgroundDispatcherSurvivesANotifierError() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    Notifier assertsOnce =
        n -> {
          if (calls.incrementAndGet() == 1) {
            throw new AssertionError("a host's assert in its mail code");
          }
          delivered.add(n.id());
        };
    Ticketing ticketing =
        Ticketing.builder()
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
      awaitUntil(() -> ticketing.store().outbox().pendingCount() == 0, Duration.ofSeconds(10));
      assertThat(((InMemoryTicketStore) ticketing.store()).outboxEntries())
          .anySatisfy(e -> assertThat(e.lastError()).startsWith("java.lang.AssertionError"));
    } finally {
      ticketing.close();
    }
  }

  // ------------------------------------------------------------------ several dispatchers on one
  // outbox

  @Test
  @DisplayName(
      "two dispatchers, two channels, 500 notifications, ~30% failures: all delivered per channel, never two at once")
  void twoDispatchersShareOneOutbox() throws Exception {
    int count = 500;
    List<NotificationRequest> all =
        IntStream.range(0, count)
            .mapToObj(i -> request(String.format("n%04d", i), clock.instant()))
            .toList();
    for (int from = 0; from < count; from += 100) {
      enqueue(all.subList(from, from + 100).toArray(NotificationRequest[]::new));
    }

    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    Map<String, Integer> attemptsSeen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> deliveredBy = new ConcurrentHashMap<>();
    ThreadLocal<String> owner = new ThreadLocal<>();
    Notifier flaky =
        new Notifier() {
          @Override
          public void deliver(Notification n) {
            throw new AssertionError("the dispatcher hands channels a Delivery");
          }

          @Override
          public void deliver(Delivery d) throws IOException {
            if (!inFlight.add(d.id())) {
              overlaps.incrementAndGet();
            }
            try {
              calls.incrementAndGet();
              int attempt = attemptsSeen.merge(d.id(), 1, Integer::sum);
              assertThat(d.attempt()).isEqualTo(attempt);
              Thread.yield();
              if (failsOn(d.id(), attempt)) {
                throw new IOException("flaky channel");
              }
              deliveries.computeIfAbsent(d.id(), k -> new AtomicInteger()).incrementAndGet();
              deliveredBy.computeIfAbsent(owner.get(), k -> new AtomicInteger()).incrementAndGet();
            } finally {
              inFlight.remove(d.id());
            }
          }
        };
    // No wait between attempts, so the two dispatchers keep taking over each other's retries.
    RetryPolicy retry = RetryPolicy.fixed(100, Duration.ZERO);
    OutboxDispatcher.Builder common =
        OutboxDispatcher.builder(store.outbox())
            .directory(Desk.DIRECTORY)
            .clock(clock)
            .channel("mail", flaky, retry)
            .channel("push", flaky, retry);
    OutboxDispatcher a =
        common
            .settings(OutboxDispatcher.Settings.defaults().withOwner("a").withBatchSize(10))
            .build();
    OutboxDispatcher b =
        common
            .settings(OutboxDispatcher.Settings.defaults().withOwner("b").withBatchSize(10))
            .build();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (OutboxDispatcher d : List.of(a, b)) {
        String name = d == a ? "a" : "b";
        runs.add(
            pool.submit(
                () -> {
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

    List<String> deliveryIds = new ArrayList<>();
    for (NotificationRequest r : all) {
      for (String channel : List.of("mail", "push")) {
        deliveryIds.add(DeliveryIds.deliveryId(notificationId(r.id(), "admin"), channel));
      }
    }
    int expectedCalls = 0;
    for (String id : deliveryIds) {
      int attempt = 1;
      while (failsOn(id, attempt)) {
        attempt++;
      }
      expectedCalls += attempt;
    }
    assertThat(overlaps.get()).as("a delivery was in two dispatchers' hands at once").isZero();
    assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
    assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(calls.get()).as("attempts are deterministic per delivery").isEqualTo(expectedCalls);
    assertThat(expectedCalls - 2 * count).as("roughly 30%% of attempts fail").isBetween(300, 600);
    assertThat(deliveredBy.keySet())
        .as("both dispatchers worked")
        .containsExactlyInAnyOrder("a", "b");
    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(store.outbox().deadCount()).isZero();
    Map<String, Integer> attempts =
        deliveries(store).stream()
            .collect(Collectors.toMap(OutboxEntry::id, OutboxEntry::attempts));
    assertThat(store.outboxEntries())
        .allSatisfy(e -> assertThat(e.state()).isEqualTo(OutboxState.DELIVERED));
    for (String id : deliveryIds) {
      assertThat(attempts.get(id))
          .as("attempts, the successful one included, recorded for %s", id)
          .isEqualTo(attemptsSeen.get(id));
    }
  }

  /** Deterministic ~30% failure per (delivery, attempt). */
  private static boolean failsOn(String id, int attempt) {
    return new SplittableRandom(id.hashCode() * 1_000_003L + attempt).nextDouble() < 0.3;
  }

  @Test
  @DisplayName(
      "closing twice is harmless: the second close runs no final round, and start runs it again")
  void closingTwiceIsHarmless() throws Exception {
    FlakyNotifier notifier = new FlakyNotifier(0);
    OutboxDispatcher dispatcher = dispatcher("a", Channel.of("mail", notifier));
    dispatcher.start();
    enqueue(request("n1", clock.instant()));
    dispatcher.close();
    assertThat(dispatcher.isRunning()).isFalse();
    assertThat(notifier.delivered).containsExactly(notificationId("n1", "admin"));

    enqueue(request("n2", clock.instant()));
    dispatcher.close();
    assertThat(dispatcher.isRunning()).isFalse();
    assertThat(store.outbox().pendingCount())
        .as("a second close is no second final round against a store that may be going down")
        .isEqualTo(1);
    assertThat(notifier.delivered).hasSize(1);

    dispatcher.start();
    assertThat(dispatcher.isRunning()).isTrue();
    awaitUntil(() -> notifier.delivered.size() == 2, Duration.ofSeconds(10));
    dispatcher.close();
    dispatcher.close();
    assertThat(notifier.delivered)
        .containsExactly(notificationId("n1", "admin"), notificationId("n2", "admin"));
  }

  // ------------------------------------------------------------------ helpers

  private OutboxDispatcher dispatcher(String owner, Channel... channels) {
    OutboxDispatcher d =
        OutboxDispatcher.builder(store.outbox())
            .directory(Desk.DIRECTORY)
            .channels(List.of(channels))
            .clock(clock)
            .settings(OutboxDispatcher.Settings.defaults().withOwner(owner))
            .build();
    toClose.add(d);
    return d;
  }

  private void enqueue(NotificationRequest... requests) {
    store.inTransaction(
        () -> {
          store.enqueue(List.of(requests));
          return null;
        });
  }

  private List<OutboxEntry> deliveries() {
    return deliveries(store);
  }

  private static List<OutboxEntry> deliveries(InMemoryTicketStore s) {
    return s.outboxEntries().stream().filter(e -> !e.resolvesRecipients()).toList();
  }

  private OutboxEntry onlyDelivery() {
    List<OutboxEntry> entries = deliveries();
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  /** A request telling user {@code admin} of a new ticket. */
  private static NotificationRequest request(String id, Instant at) {
    return new NotificationRequest(
        id,
        NotificationTemplate.TICKET_CREATED,
        List.of(Recipient.user("admin")),
        "t1",
        null,
        "john",
        at,
        Map.of("ticketTitle", "Hi"));
  }

  private static String notificationId(String requestId, String recipient) {
    return DeliveryIds.notificationId(requestId, recipient);
  }

  private static void awaitUntil(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
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
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<Integer> attempts = new CopyOnWriteArrayList<>();
    private volatile int failures;

    FlakyNotifier(int failures) {
      this.failures = failures;
    }

    void heal() {
      failures = 0;
    }

    @Override
    public void deliver(Notification n) {
      throw new AssertionError("the dispatcher hands channels a Delivery");
    }

    @Override
    public void deliver(Delivery d) throws IOException {
      attempts.add(d.attempt());
      int call = calls.incrementAndGet();
      if (call <= failures) {
        throw new IOException("smtp down (call " + call + ")");
      }
      delivered.add(d.notification().id());
    }
  }

  /** The desk's directory, which can be switched off: every call throws while it is down. */
  private static final class FlakyDirectory implements dev.ticketing.spi.Directory {
    volatile boolean down;

    private void check() {
      if (down) {
        throw new IllegalStateException("directory down");
      }
    }

    @Override
    public Map<String, dev.ticketing.spi.UserInfo> users(java.util.Collection<String> ids) {
      check();
      return Desk.DIRECTORY.users(ids);
    }

    @Override
    public Map<String, dev.ticketing.spi.CompanyInfo> companies(java.util.Collection<String> ids) {
      check();
      return Desk.DIRECTORY.companies(ids);
    }

    @Override
    public List<String> adminIds() {
      check();
      return Desk.DIRECTORY.adminIds();
    }
  }
}
