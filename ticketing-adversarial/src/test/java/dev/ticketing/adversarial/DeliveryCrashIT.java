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
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At-least-once delivery through a crash: a dispatcher hands notifications to the channels (a
 * signed webhook to a real HTTP receiver, and mail through GreenMail), and its process dies after a
 * send but before it records the delivery. Another dispatcher takes over once the lease has run
 * out. Every notification arrives at least once on both channels; the one caught in the crash
 * arrives twice, with the same idempotency key (the notification id in {@code Ticketing-Delivery}
 * and in {@code X-Ticketing-Delivery}/{@code Message-ID}), so the receiver drops the repeat; the
 * dead dispatcher can no longer record anything.
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
      server.createContext("/hooks/ticketing", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        var headers = exchange.getRequestHeaders();
        String delivery = headers.getFirst(WebhookSignature.DELIVERY_HEADER);
        boolean authentic = WebhookSignature.verify(SECRET, headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body,
            headers.getFirst(WebhookSignature.SIGNATURE_HEADER), Duration.ofMinutes(5), Clock.systemUTC());
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
  static final class DyingOutbox implements OutboxStore {
    private final OutboxStore target;
    private final int survive;
    private final AtomicInteger marked = new AtomicInteger();
    volatile @Nullable String diedRecording;

    DyingOutbox(OutboxStore target, int survive) {
      this.target = target;
      this.survive = survive;
    }

    @Override
    public List<OutboxEntry> claimDue(String owner, Instant now, Duration lease, int max) {
      return target.claimDue(owner, now, lease, max);
    }

    @Override
    public boolean markDelivered(String notificationId, String owner, Instant now) {
      if (marked.incrementAndGet() > survive) {
        diedRecording = notificationId;
        throw new ProcessDied();
      }
      return target.markDelivered(notificationId, owner, now);
    }

    @Override
    public boolean markFailed(String id, String owner, int attempts, @Nullable Instant retryAt, String error) {
      return target.markFailed(id, owner, attempts, retryAt, error);
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
      return target.deadLetters(limit);
    }

    @Override
    public boolean redrive(String notificationId, Instant now) {
      return target.redrive(notificationId, now);
    }

    @Override
    public int redriveAll(Instant now) {
      return target.redriveAll(now);
    }

    @Override
    public long pendingCount() {
      return target.pendingCount();
    }

    @Override
    public long deadCount() {
      return target.deadCount();
    }

    @Override
    public int purgeDelivered(Instant before) {
      return target.purgeDelivered(before);
    }
  }

  /** What the JVM does to a process that is killed: nothing after this line runs. */
  static final class ProcessDied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessDied() {
      super("the process died between sending and recording the delivery");
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aDispatcherDyingBetweenSendAndRecordLeadsToOneDuplicateThatTheReceiverDrops(Db db) throws Exception {
    db.truncate();
    try (Receiver receiver = new Receiver(); Mail mail = Mail.start();
        Ticketing app = Ticketing.builder().store(db.newStore()).directory(Desk.DIRECTORY).backgroundDispatch(false)
            .build()) {
      // Some ordinary desk traffic: tickets for the admins, assignments, replies, a resolution.
      TicketService s = app.service();
      for (int i = 0; i < 3; i++) {
        String id = s.createTicket(Desk.JOHN, CreateTicket.of("Crash " + i, "Delivery test", "acme")).id();
        s.assignTicket(Desk.ADMIN, new AssignTicket(id, "sarah"));
        s.addComment(Desk.SARAH, new AddComment(id, "Looking into it " + i, false));
        s.changeStatus(Desk.SARAH, new ChangeStatus(id, Status.RESOLVED));
      }
      List<String> ids = db.query("select id from ticketing_outbox").stream().map(r -> (String) r.get(0)).toList();
      assertThat(ids).hasSizeGreaterThan(10);

      Notifier webhook = WebhookNotifier.builder().endpoint(receiver.url(), SECRET).build();
      Notifier email = mail.notifier(Desk.DIRECTORY);
      Notifier channels = n -> {
        webhook.deliver(n);
        email.deliver(n);
      };

      // Process A: sends three, records two, dies recording the third.
      Instant start = Instant.now();
      DyingOutbox dying = new DyingOutbox(db.newStore().outbox(), 2);
      OutboxDispatcher a = new OutboxDispatcher(dying, channels, RetryPolicy.DEFAULT, new MutableClock(start),
          OutboxDispatcher.Settings.defaults().withOwner("process-a").withLease(LEASE));
      try {
        a.dispatchDue();
        throw new AssertionError("process A should have died");
      } catch (ProcessDied expected) {
        // A is gone; its claimed rows keep its lease.
      }
      String caught = dying.diedRecording;
      assertThat(caught).isNotNull();
      assertThat(receiver.received).hasSize(3).contains(caught);

      // Process B, restarted: nothing is due while A's lease lasts; everything once it has run out.
      MutableClock clockB = new MutableClock(start);
      OutboxDispatcher b = new OutboxDispatcher(db.newStore().outbox(), channels, RetryPolicy.DEFAULT, clockB,
          OutboxDispatcher.Settings.defaults().withOwner("process-b").withLease(LEASE));
      clockB.advance(LEASE.minusSeconds(5));
      assertThat(b.dispatchDue()).isZero();
      clockB.advance(Duration.ofSeconds(10));
      b.drain();

      // At least once, on both channels, for every notification.
      assertThat(db.number("select count(*) from ticketing_outbox where state <> 'DELIVERED'")).isZero();
      assertThat(receiver.forged).hasValue(0);
      assertThat(Set.copyOf(receiver.received)).containsExactlyInAnyOrderElementsOf(ids);
      Map<String, Integer> times = new HashMap<>();
      receiver.received.forEach(id -> times.merge(id, 1, Integer::sum));
      assertThat(times.get(caught)).as("the notification caught in the crash").isEqualTo(2);
      assertThat(times).as("every other one exactly once").allSatisfy((id, n) -> {
        if (!id.equals(caught)) {
          assertThat(n).as(id).isEqualTo(1);
        }
      });
      // The receiver recognised the repeat by its idempotency key and processed each notification once.
      assertThat(receiver.dropped).hasValue(1);
      assertThat(receiver.processed).containsExactlyInAnyOrderElementsOf(ids);

      // Mail: the repeat carries the same delivery id and Message-ID, so a mailbox can drop it.
      List<Mail.Received> mails = mail.received();
      Map<String, Integer> mailed = new HashMap<>();
      mails.forEach(m -> mailed.merge(m.deliveryId(), 1, Integer::sum));
      assertThat(mailed.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(mailed.get(caught)).isEqualTo(2);
      assertThat(mails.stream().filter(m -> m.deliveryId().equals(caught)).map(m -> m.text().lines()
          .filter(l -> l.startsWith("Message-ID:")).findFirst().orElseThrow()).distinct()).hasSize(1);

      // Process A's ghost cannot record anything any more.
      assertThat(db.newStore().outbox().markDelivered(caught, "process-a", Instant.now())).isFalse();
      assertThat(db.newStore().outbox().markFailed(caught, "process-a", 1, null, "late")).isFalse();
      assertThat(db.number("select count(*) from ticketing_outbox where state = 'DELIVERED' and last_error is null"))
          .isEqualTo(ids.size());
    }
  }
}
