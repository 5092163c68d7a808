package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.Status;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.TicketingException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.notification.PushChannel;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.PushMessage;
import dev.ticketing.spi.PushNotifier;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.testsupport.CountingDirectory;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Delivery that degrades gracefully, on the in-memory store and on real PostgreSQL and MariaDB,
 * with mail through GreenMail: a push provider down for an hour while mail works (every mail
 * arrives exactly once; push is retried, dead-lettered and re-driven on its own), a user directory
 * that throws for a while (every write succeeds; the notifications arrive once it is back), a client
 * retrying {@code createTicket} with its idempotency key after a lost response (one ticket), and
 * concurrent first uses of one key (one write).
 */
class GracefulDegradationIT {

  /** Where the desk keeps its tickets. */
  enum Backend {
    MEMORY(null),
    POSTGRESQL(Db.POSTGRESQL),
    MARIADB(Db.MARIADB);

    private final @Nullable Db db;

    Backend(@Nullable Db db) {
      this.db = db;
    }

    TicketStore emptyStore() {
      if (db == null) {
        return new InMemoryTicketStore();
      }
      db.truncate();
      return db.newStore();
    }
  }

  private static Map<String, Integer> countBy(List<String> values) {
    Map<String, Integer> out = new HashMap<>();
    values.forEach(v -> out.merge(v, 1, Integer::sum));
    return out;
  }

  // ------------------------------------------------------------------ one channel down, the others
  // fine

  @ParameterizedTest
  @EnumSource(Backend.class)
  void pushDownForAnHourWhileMailWorks(Backend backend) throws Exception {
    MutableClock clock = MutableClock.ticking(Instant.parse("2026-03-02T09:00:00Z"));
    AtomicBoolean pushDown = new AtomicBoolean(true);
    AtomicInteger pushAttempts = new AtomicInteger();
    List<PushMessage> pushed = new CopyOnWriteArrayList<>();
    PushNotifier devices =
        m -> {
          pushAttempts.incrementAndGet();
          if (pushDown.get()) {
            throw new IOException("push provider unavailable (503)");
          }
          pushed.add(m);
        };
    // Push: 1 attempt and 4 retries, 10 minutes apart: a dead letter 40 minutes into the outage.
    RetryPolicy pushRetry = RetryPolicy.fixed(4, Duration.ofMinutes(10));
    try (Mail mail = Mail.start();
        Ticketing app =
            Ticketing.builder()
                .store(backend.emptyStore())
                .directory(Desk.DIRECTORY)
                .clock(clock)
                .channel("email", mail.notifier(Desk.DIRECTORY))
                .channel(
                    "push",
                    new PushChannel(
                        devices, MessageTemplates.defaults(), Desk.DIRECTORY, Locale.ENGLISH),
                    pushRetry)
                .backgroundDispatch(false)
                .build()) {
      TicketService s = app.service();
      TicketView t =
          s.createTicket(Desk.JOHN, CreateTicket.of("Printer on fire", "Smoke everywhere", "acme"));
      s.assignTicket(Desk.ADMIN, new AssignTicket(t.id(), "sarah"));
      s.addComment(Desk.SARAH, new AddComment(t.id(), "On my way", false));
      s.changeStatus(Desk.SARAH, new ChangeStatus(t.id(), Status.RESOLVED));
      // created -> admin, root; assigned -> sarah; reply -> john; resolved -> john

      for (int minute = 0; minute < 60; minute++) {
        app.dispatcher().drain();
        clock.advance(Duration.ofMinutes(1));
      }

      List<Mail.Received> mails = mail.received();
      assertThat(mails)
          .extracting(Mail.Received::to)
          .containsExactlyInAnyOrder(
              "admin@support.example",
              "root@support.example",
              "sarah@support.example",
              "john@acme.example",
              "john@acme.example");
      assertThat(countBy(mails.stream().map(Mail.Received::deliveryId).toList()))
          .as("each mail exactly once")
          .hasSize(5)
          .allSatisfy((id, n) -> assertThat(n).isOne());
      assertThat(pushed).isEmpty();
      assertThat(pushAttempts).as("5 notifications x (1 attempt + 4 retries)").hasValue(25);
      assertThat(app.dispatcher().counts().get("push"))
          .containsEntry(OutboxState.DEAD, 5L)
          .containsEntry(OutboxState.PENDING, 0L);
      assertThat(app.dispatcher().counts().get("email"))
          .containsEntry(OutboxState.DEAD, 0L)
          .containsEntry(OutboxState.PENDING, 0L);
      assertThat(app.dispatcher().entries(OutboxState.DEAD, "push", 10))
          .hasSize(5)
          .allSatisfy(
              e -> {
                assertThat(e.attempts()).isEqualTo(5);
                assertThat(e.lastError()).contains("push provider unavailable");
              });

      // The provider is back: the operator re-drives push; mail is not sent again.
      pushDown.set(false);
      assertThat(app.dispatcher().redriveChannel("push")).isEqualTo(5);
      app.dispatcher().drain();
      assertThat(pushed).hasSize(5);
      assertThat(pushed.stream().map(PushMessage::deliveryId).distinct()).hasSize(5);
      assertThat(mail.received()).hasSize(5);
      assertThat(app.store().outbox().pendingCount()).isZero();
      assertThat(app.store().outbox().deadCount()).isZero();
    }
  }

  // ------------------------------------------------------------------ the directory throws for a
  // while

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDirectoryThatThrowsForAWhileFailsNoWriteAndDelaysTheNotifications(Backend backend) {
    MutableClock clock = MutableClock.ticking(Instant.parse("2026-03-02T09:00:00Z"));
    CountingDirectory directory = new CountingDirectory(Desk.DIRECTORY);
    try (Mail mail = Mail.start();
        Ticketing app =
            Ticketing.builder()
                .store(backend.emptyStore())
                .directory(directory)
                .clock(clock)
                .channel("email", mail.notifier(directory))
                .retryPolicy(RetryPolicy.fixed(60, Duration.ofMinutes(1)))
                .backgroundDispatch(false)
                .build()) {
      TicketService s = app.service();
      directory.down(true);

      TicketView t =
          s.createTicket(Desk.JOHN, CreateTicket.of("Printer on fire", "Smoke everywhere", "acme"));
      TicketView updated =
          s.updateTicket(
              Desk.JOHN, new UpdateTicket(t.id(), "Printer on fire, floor 3", null, null, null));
      s.addComment(Desk.JOHN, new AddComment(t.id(), "It is getting worse", false));
      TicketView progressing =
          s.changeStatus(Desk.ADMIN, new ChangeStatus(t.id(), Status.IN_PROGRESS));
      TicketingException assign =
          (TicketingException)
              catchThrowable(() -> s.assignTicket(Desk.ADMIN, new AssignTicket(t.id(), "sarah")));

      // Every write committed; what they returned shows ids, with the display data marked unknown.
      assertThat(t.user().id()).isEqualTo("john");
      assertThat(t.user().known()).isFalse();
      assertThat(t.company().known()).isFalse();
      assertThat(updated.title()).isEqualTo("Printer on fire, floor 3");
      assertThat(progressing.status()).isEqualTo(Status.IN_PROGRESS);
      // Only the check that must ask the directory before writing refuses, retryably, writing
      // nothing.
      assertThat(assign.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(assign.retryable()).isTrue();
      assertThat(s.ticket(Desk.ADMIN, t.id()).ticket().assignedTo()).isNull();
      assertThat(s.ticket(Desk.ADMIN, t.id()).comments()).hasSize(1);
      assertThat(app.directoryFailures().views()).isPositive();

      for (int minute = 0; minute < 15; minute++) {
        app.dispatcher().drain();
        clock.advance(Duration.ofMinutes(1));
      }
      assertThat(mail.received()).as("nobody can be told while the admins are unknown").isEmpty();
      assertThat(app.dispatcher().counts().get("recipients"))
          .containsEntry(OutboxState.PENDING, 2L);
      assertThat(app.directoryFailures().recipients()).isGreaterThanOrEqualTo(15);

      directory.down(false);
      for (int minute = 0; minute < 3; minute++) {
        app.dispatcher().drain();
        clock.advance(Duration.ofMinutes(1));
      }
      List<Mail.Received> mails = mail.received();
      assertThat(mails)
          .extracting(Mail.Received::template, Mail.Received::to)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("ticket-created", "admin@support.example"),
              org.assertj.core.groups.Tuple.tuple("ticket-created", "root@support.example"),
              org.assertj.core.groups.Tuple.tuple("comment-added", "admin@support.example"),
              org.assertj.core.groups.Tuple.tuple("comment-added", "root@support.example"));
      assertThat(app.store().outbox().pendingCount()).isZero();
      assertThat(s.ticket(Desk.ADMIN, t.id()).ticket().user().known()).isTrue();
    }
  }

  // ------------------------------------------------------------------ idempotency keys

  /**
   * A store whose next top-level unit of work commits and then reports a failure, as when the
   * connection drops while the commit's answer is on its way: the write is there, the caller heard
   * {@code UNAVAILABLE}.
   */
  private static TicketStore losingTheNextAnswer(TicketStore target, AtomicBoolean armed) {
    ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    return (TicketStore)
        Proxy.newProxyInstance(
            TicketStore.class.getClassLoader(),
            new Class<?>[] {TicketStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("companions")) {
                // The capabilities' stores would open their units of work around this store's,
                // and the answer lost here must be the one of the outermost unit, after commit.
                return dev.ticketing.spi.CompanionStores.NONE;
              }
              boolean unit = method.getName().equals("inTransaction");
              if (unit) {
                depth.set(depth.get() + 1);
              }
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                if (unit) {
                  depth.set(depth.get() - 1);
                }
              }
              if (unit && depth.get() == 0 && armed.compareAndSet(true, false)) {
                throw new StoreUnavailableException(
                    "lost the connection to the database (SQLState 08006)",
                    new java.sql.SQLNonTransientConnectionException(
                        "connection reset after commit", "08006"));
              }
              return result;
            });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClientRetryingCreateTicketAfterALostResponseCreatesOneTicket(Backend backend) {
    AtomicBoolean loseNext = new AtomicBoolean();
    RecordingNotifier inbox = RecordingNotifier.working();
    try (Ticketing app =
        Ticketing.builder()
            .store(losingTheNextAnswer(backend.emptyStore(), loseNext))
            .directory(Desk.DIRECTORY)
            .channel("inbox", inbox)
            .backgroundDispatch(false)
            .build()) {
      TicketService s = app.service();
      CreateTicket input =
          new CreateTicket("Printer on fire", "Smoke", null, null, "acme", "4f9c2a1e-client-retry");

      // The host answered, but the client never got the response (a dropped connection, a timeout
      // in a proxy): it sends the same request again, with the same Idempotency-Key.
      TicketView first = s.createTicket(Desk.JOHN, input);
      TicketView retried = s.createTicket(Desk.JOHN, input);

      assertThat(retried).isEqualTo(first);
      assertThat(s.tickets(Desk.ADMIN, TicketFilter.none()))
          .extracting(TicketView::id)
          .containsExactly(first.id());
      assertThat(s.history(Desk.ADMIN, first.id())).hasSize(1);
      app.dispatcher().drain();
      assertThat(inbox.take()).as("the admins are told once").hasSize(2);

      // Closer to the database: the commit succeeds but its answer is lost. With a key the engine
      // finds its own write and answers with it; without one the caller hears UNAVAILABLE although
      // the ticket exists, and its retry makes a second one.
      CreateTicket keyed =
          new CreateTicket(
              "Scanner jammed", "Paper everywhere", null, null, "acme", "9d1e-commit-lost");
      loseNext.set(true);
      TicketView answered = s.createTicket(Desk.JOHN, keyed);
      assertThat(loseNext).as("the answer was lost").isFalse();
      assertThat(s.createTicket(Desk.JOHN, keyed)).isEqualTo(answered);
      assertThat(s.tickets(Desk.ADMIN, TicketFilter.none())).hasSize(2);

      CreateTicket unkeyed =
          new CreateTicket("Scanner jammed", "Paper everywhere", null, null, "acme");
      loseNext.set(true);
      TicketingException lost =
          (TicketingException) catchThrowable(() -> s.createTicket(Desk.JOHN, unkeyed));
      assertThat(lost.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(lost.retryable()).isTrue();
      s.createTicket(Desk.JOHN, unkeyed);
      assertThat(s.tickets(Desk.ADMIN, TicketFilter.none()))
          .as("without a key: a duplicate")
          .hasSize(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentFirstUsesOfOneKeyMakeOneTicket(Backend backend) throws Exception {
    try (Ticketing app =
        Ticketing.builder()
            .store(backend.emptyStore())
            .directory(Desk.DIRECTORY)
            .backgroundDispatch(false)
            .build()) {
      TicketService s = app.service();
      CreateTicket input =
          CreateTicket.of("Race", "Eight tabs submit at once", "acme")
              .withIdempotencyKey("race-key");
      int callers = 8;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<TicketView>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    go.await(30, TimeUnit.SECONDS);
                    return s.createTicket(Desk.JOHN, input);
                  }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        int retryable = 0;
        for (Future<TicketView> f : futures) {
          try {
            ids.add(f.get(60, TimeUnit.SECONDS).id());
          } catch (java.util.concurrent.ExecutionException e) {
            // While the first caller had not committed: a retryable conflict, never a second
            // ticket.
            assertThat(e.getCause())
                .isInstanceOfSatisfying(
                    TicketingException.class,
                    t -> {
                      assertThat(t.code()).isEqualTo(ErrorCode.CONFLICT);
                      assertThat(t.retryable()).isTrue();
                    });
            retryable++;
            ids.add(s.createTicket(Desk.JOHN, input).id());
          }
        }
        assertThat(ids)
            .as("every caller got the one ticket (%d after a retry)", retryable)
            .hasSize(1);
        assertThat(s.tickets(Desk.ADMIN, TicketFilter.none())).hasSize(1);
        assertThat(app.store().outbox().count(OutboxState.PENDING))
            .containsExactly(Map.entry("recipients", 1L));
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
