package dev.ticketing.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CreateTicket;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.notification.WebhookNotifier;
import dev.ticketing.notification.WebhookSignature;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.testsupport.ForwardingOutboxStore;
import dev.ticketing.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At-least-once delivery through a crash: a dispatcher resolves the requests and hands the
 * deliveries to two channels (a signed webhook to a real HTTP receiver, and mail through GreenMail),
 * and its process dies after a send but before it records the delivery. Two other dispatchers take
 * over together once the lease has run out. Every (notification, channel) arrives at least once and
 * no delivery is ever in two dispatchers' hands at once; the one caught in the crash arrives twice,
 * on its own channel only, with the same idempotency key (the delivery id in {@code
 * Ticketing-Delivery}, or in {@code X-Ticketing-Delivery}/{@code Message-ID}), so the receiver drops
 * the repeat; the dead dispatcher can no longer record anything.
 */
class DeliveryCrashIT {

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final String SECRET = "adversarial-webhook-secret";

  /** The host's webhook endpoint: verifies each request, remembers every delivery id, processes each once. */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<String> received = new ArrayList<>();
    final Set<String> processed = ConcurrentHashMap.newKeySet();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger forged = new AtomicInteger();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hooks/ticketing",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String delivery = headers.getFirst(WebhookSignature.DELIVERY_HEADER);
            boolean authentic =
                WebhookSignature.verify(
                    SECRET,
                    headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    body,
                    headers.getFirst(WebhookSignature.SIGNATURE_HEADER),
                    Duration.ofMinutes(5),
                    Clock.systemUTC());
            if (!authentic || delivery == null) {
              forged.incrementAndGet();
              exchange.sendResponseHeaders(401, -1);
              exchange.close();
              return;
            }
            synchronized (received) {
              received.add(delivery);
            }
            if (!processed.add(delivery)) {
              dropped.incrementAndGet(); // a repeat: already handled, acknowledged again
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ticketing");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** The outbox as the doomed process sees it: after {@code survive} recorded deliveries, it dies recording the next. */
  static final class DyingOutbox extends ForwardingOutboxStore {
    private final int survive;
    private final AtomicInteger marked = new AtomicInteger();
    volatile @Nullable String diedRecording;

    DyingOutbox(OutboxStore target, int survive) {
      super(target);
      this.survive = survive;
    }

    @Override
    public boolean markDelivered(String entryId, String owner, Instant now) {
      if (marked.incrementAndGet() > survive) {
        diedRecording = entryId;
        throw new ProcessDied();
      }
      return super.markDelivered(entryId, owner, now);
    }
  }

  /** What the JVM does to a process that is killed: nothing after this line runs. */
  static final class ProcessDied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessDied() {
      super("the process died between sending and recording the delivery");
    }
  }

  /** Wraps a channel: notes any delivery id handed out while it is still being delivered. */
  static final class Watched implements Notifier {
    private final Notifier target;
    private final Set<String> inFlight;
    private final Set<String> overlapping;

    Watched(Notifier target, Set<String> inFlight, Set<String> overlapping) {
      this.target = target;
      this.inFlight = inFlight;
      this.overlapping = overlapping;
    }

    @Override
    public void deliver(Notification n) {
      throw new AssertionError("the dispatcher hands channels deliveries");
    }

    @Override
    public void deliver(Delivery d) throws Exception {
      if (!inFlight.add(d.id())) {
        overlapping.add(d.id());
      }
      try {
        target.deliver(d);
      } finally {
        inFlight.remove(d.id());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aDispatcherDyingBetweenSendAndRecordLeadsToOneDuplicateThatTheReceiverDrops(Db db)
      throws Exception {
    db.truncate();
    try (Receiver receiver = new Receiver();
        Mail mail = Mail.start();
        Ticketing app =
            Ticketing.builder()
                .store(db.newStore())
                .directory(Desk.DIRECTORY)
                .backgroundDispatch(false)
                .build()) {
      // Some ordinary desk traffic: tickets for the admins, assignments, replies, a resolution.
      TicketService s = app.service();
      for (int i = 0; i < 3; i++) {
        String id =
            s.createTicket(Desk.JOHN, CreateTicket.of("Crash " + i, "Delivery test", "acme")).id();
        s.assignTicket(Desk.ADMIN, new AssignTicket(id, "sarah"));
        s.addComment(Desk.SARAH, new AddComment(id, "Looking into it " + i, false));
        s.changeStatus(Desk.SARAH, new ChangeStatus(id, Status.RESOLVED));
      }
      assertThat(db.number("select count(*) from ticketing_outbox where channel = 'recipients'"))
          .isEqualTo(12);

      Set<String> inFlight = ConcurrentHashMap.newKeySet();
      Set<String> overlapping = ConcurrentHashMap.newKeySet();
      Notifier webhook =
          new Watched(
              WebhookNotifier.builder().endpoint(receiver.url(), SECRET).build(),
              inFlight,
              overlapping);
      Notifier email = new Watched(mail.notifier(Desk.DIRECTORY), inFlight, overlapping);

      // Process A: resolves the requests, claims every delivery, sends three, records two, dies
      // recording the third.
      Instant start = Instant.now();
      DyingOutbox dying = new DyingOutbox(db.newStore().outbox(), 2);
      OutboxDispatcher a =
          dispatcher(
              dying, Desk.DIRECTORY, webhook, email, MutableClock.ticking(start), "process-a", 100);
      try {
        for (int round = 0; round < 10; round++) {
          a.dispatchDue();
        }
        throw new AssertionError("process A should have died");
      } catch (ProcessDied expected) {
        // A is gone; its claimed rows keep its lease.
      }
      String caught = dying.diedRecording;
      assertThat(caught).isNotNull();
      // Every (notification, channel) the requests were resolved into: 5 notifications each of 3
      // tickets.
      Map<String, String> channelOf = new HashMap<>();
      db.query("select id, channel from ticketing_outbox where channel <> 'recipients'")
          .forEach(r -> channelOf.put((String) r.get(0), (String) r.get(1)));
      assertThat(channelOf).hasSize(2 * 15);
      List<String> webhookIds =
          channelOf.entrySet().stream()
              .filter(e -> e.getValue().equals("webhook"))
              .map(Map.Entry::getKey)
              .toList();
      List<String> emailIds =
          channelOf.entrySet().stream()
              .filter(e -> e.getValue().equals("email"))
              .map(Map.Entry::getKey)
              .toList();
      int sentByA = receiver.received.size() + mail.received().size();
      assertThat(sentByA).as("three sends, two recorded").isEqualTo(3);

      // Processes B and C, restarted together: nothing is due while A's lease lasts; afterwards
      // they
      // share what is left, never holding one delivery at once.
      MutableClock clockB = MutableClock.ticking(start);
      MutableClock clockC = MutableClock.ticking(start);
      try (Db.Instance instanceB = db.instance(4, ds -> ds);
          Db.Instance instanceC = db.instance(4, ds -> ds)) {
        OutboxDispatcher b =
            dispatcher(
                instanceB.store().outbox(), Desk.DIRECTORY, webhook, email, clockB, "process-b", 5);
        OutboxDispatcher c =
            dispatcher(
                instanceC.store().outbox(), Desk.DIRECTORY, webhook, email, clockC, "process-c", 5);
        clockB.advance(LEASE.minusSeconds(5));
        assertThat(b.dispatchDue()).isZero();
        clockB.advance(Duration.ofSeconds(10));
        clockC.advance(LEASE.plusSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<Integer>> runs = List.of(pool.submit(b::drain), pool.submit(c::drain));
          for (Future<Integer> run : runs) {
            run.get(120, TimeUnit.SECONDS);
          }
          b.drain();
          c.drain();
        } finally {
          pool.shutdownNow();
        }
      }

      // At least once, on both channels, for every notification; never two dispatchers on one
      // delivery.
      assertThat(overlapping).as("deliveries held by two dispatchers at once").isEmpty();
      assertThat(db.number("select count(*) from ticketing_outbox where state <> 'DELIVERED'"))
          .isZero();
      assertThat(receiver.forged).hasValue(0);
      assertThat(Set.copyOf(receiver.received)).containsExactlyInAnyOrderElementsOf(webhookIds);
      Map<String, Integer> times = new HashMap<>();
      receiver.received.forEach(id -> times.merge(id, 1, Integer::sum));
      List<Mail.Received> mails = mail.received();
      Map<String, Integer> mailed = new HashMap<>();
      mails.forEach(m -> mailed.merge(m.deliveryId(), 1, Integer::sum));
      assertThat(mailed.keySet()).containsExactlyInAnyOrderElementsOf(emailIds);
      Map<String, Integer> all = new HashMap<>(times);
      all.putAll(mailed);
      assertThat(all.get(caught)).as("the delivery caught in the crash").isEqualTo(2);
      assertThat(all)
          .as("every other one exactly once")
          .allSatisfy(
              (id, n) -> {
                if (!id.equals(caught)) {
                  assertThat(n).as(id).isEqualTo(1);
                }
              });
      if (channelOf.get(caught).equals("webhook")) {
        // The receiver recognised the repeat by its idempotency key and processed each delivery
        // once.
        assertThat(receiver.dropped).hasValue(1);
      } else {
        // Mail: the repeat carries the same delivery id and Message-ID, so a mailbox can drop it.
        assertThat(
                mails.stream()
                    .filter(m -> m.deliveryId().equals(caught))
                    .map(
                        m ->
                            m.text()
                                .lines()
                                .filter(l -> l.startsWith("Message-ID:"))
                                .findFirst()
                                .orElseThrow())
                    .distinct())
            .hasSize(1);
      }
      assertThat(receiver.processed).containsExactlyInAnyOrderElementsOf(webhookIds);

      // Process A's ghost cannot record anything any more.
      assertThat(db.newStore().outbox().markDelivered(caught, "process-a", Instant.now()))
          .isFalse();
      assertThat(db.newStore().outbox().markFailed(caught, "process-a", 1, null, "late")).isFalse();
      assertThat(
              db.number(
                  "select count(*) from ticketing_outbox where state = 'DELIVERED' and last_error is null"))
          .isEqualTo(12 + 30);
    }
  }

  private static OutboxDispatcher dispatcher(
      OutboxStore outbox,
      Directory directory,
      Notifier webhook,
      Notifier email,
      Clock clock,
      String owner,
      int batchSize) {
    return OutboxDispatcher.builder(outbox)
        .directory(directory)
        .channel("webhook", webhook, RetryPolicy.DEFAULT)
        .channel("email", email, RetryPolicy.DEFAULT)
        .clock(clock)
        .settings(
            OutboxDispatcher.Settings.defaults()
                .withOwner(owner)
                .withLease(LEASE)
                .withBatchSize(batchSize))
        .build();
  }
}
