package dev.ticketing.notification;

import static dev.ticketing.support.Desk.ADMIN;
import static dev.ticketing.support.Desk.JOHN;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.support.Desk;
import dev.ticketing.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real HTTP server (the JDK's, on loopback): signed deliveries the receiver
 * verifies with {@link WebhookSignature#verify}, retries through the outbox while the receiver
 * fails, timeouts, dead letters and the operator API.
 */
class WebhookDeliveryIT {

  static final String SECRET = "whsec_" + "0123456789abcdef";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** One request as the receiver saw it. */
  record Received(String delivery, String timestamp, String signature, String body, int answered) {}

  private final MutableClock clock = MutableClock.ticking("2026-03-01T09:00:00Z");
  private final InMemoryTicketStore store = new InMemoryTicketStore();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger slowMillis = new AtomicInteger();
  private ExecutorService pool;
  private HttpServer server;
  private Ticketing ticketing;

  @BeforeEach
  void startReceiver() throws IOException {
    pool = Executors.newFixedThreadPool(4);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/hooks/ticketing", this::receive);
    server.start();
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int sleep = slowMillis.get();
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      var h = exchange.getRequestHeaders();
      int status;
      if (!"POST".equals(exchange.getRequestMethod())
          || !h.getFirst("Content-Type").startsWith("application/json")) {
        status = 400;
      } else if (!WebhookSignature.verify(
          SECRET,
          h.getFirst(WebhookSignature.TIMESTAMP_HEADER),
          body,
          h.getFirst(WebhookSignature.SIGNATURE_HEADER),
          TOLERANCE,
          clock)) {
        status = 401;
      } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 500;
      } else {
        status = 204;
      }
      received.add(
          new Received(
              h.getFirst(WebhookSignature.DELIVERY_HEADER),
              h.getFirst(WebhookSignature.TIMESTAMP_HEADER),
              h.getFirst(WebhookSignature.SIGNATURE_HEADER),
              new String(body, StandardCharsets.UTF_8),
              status));
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (ticketing != null) {
      ticketing.close();
    }
    server.stop(0);
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ticketing");
  }

  private Ticketing ticketing(RetryPolicy retry, Duration timeout) {
    WebhookNotifier webhooks =
        WebhookNotifier.builder()
            .endpoint(new WebhookNotifier.Endpoint(url(), SECRET, timeout))
            .connectTimeout(Duration.ofSeconds(2))
            .clock(clock)
            .build();
    ticketing =
        Ticketing.builder()
            .store(store)
            .directory(Desk.DIRECTORY)
            .notifier(webhooks)
            .clock(clock)
            .retryPolicy(retry)
            .backgroundDispatch(false)
            .build();
    return ticketing;
  }

  @Test
  @DisplayName(
      "the first deliveries fail with 500: the outbox retries after the back-off until each event arrives, signed")
  void retriesUntilTheReceiverTakesIt() {
    Ticketing t = ticketing(RetryPolicy.fixed(10, Duration.ofSeconds(10)), Duration.ofSeconds(5));
    failuresLeft.set(3);

    TicketView ticket =
        t.service()
            .createTicket(
                JOHN, CreateTicket.of("Printer \"on fire\" \\ again", "Smoke everywhere", "acme"));
    assertThat(t.dispatcher().drain())
        .isEqualTo(3); // the request, then admin and root: both answered 500
    assertThat(store.outbox().pendingCount()).isEqualTo(2);
    assertThat(t.dispatcher().drain()).as("nothing is due before the back-off").isZero();

    clock.advance(Duration.ofSeconds(10));
    t.dispatcher().drain(); // one more 500, one delivered
    clock.advance(Duration.ofSeconds(10));
    t.dispatcher().drain();

    assertThat(store.outbox().pendingCount()).isZero();
    assertThat(received).extracting(Received::answered).containsExactly(500, 500, 500, 204, 204);
    List<Received> delivered = received.stream().filter(r -> r.answered() == 204).toList();
    assertThat(delivered).extracting(Received::delivery).doesNotHaveDuplicates().hasSize(2);
    // A retry carries the same delivery id (the receiver's idempotency key) and a fresh timestamp.
    Set<String> failedIds =
        received.stream()
            .filter(r -> r.answered() == 500)
            .map(Received::delivery)
            .collect(Collectors.toSet());
    assertThat(delivered.stream().map(Received::delivery).collect(Collectors.toSet()))
        .containsAll(failedIds);
    assertThat(delivered)
        .allSatisfy(
            r -> {
              assertThat(
                      WebhookSignature.verify(
                          SECRET, r.timestamp(), r.body(), r.signature(), TOLERANCE, clock))
                  .isTrue();
              assertThat(r.body())
                  .startsWith("{\"id\":\"" + r.delivery() + "\",\"type\":\"ticket-created\",")
                  .contains("\"channel\":\"" + Ticketing.DEFAULT_CHANNEL + "\"")
                  .contains("\"ticketId\":\"" + ticket.id() + "\"")
                  .contains("\"ticketTitle\":\"Printer \\\"on fire\\\" \\\\ again\"")
                  .contains("\"actorId\":\"john\"");
            });
    assertThat(delivered)
        .extracting(r -> r.body().contains("\"recipientId\":\"admin\"") ? "admin" : "root")
        .containsExactlyInAnyOrder("admin", "root");
  }

  @Test
  @DisplayName(
      "a replayed request is refused once its timestamp is stale; a tampered body is refused at once")
  void replayAndTampering() {
    Ticketing t = ticketing(RetryPolicy.DEFAULT, Duration.ofSeconds(5));
    TicketView ticket = t.service().createTicket(JOHN, CreateTicket.of("Refund", "Please", "acme"));
    t.service().assignTicket(ADMIN, new AssignTicket(ticket.id(), "sarah"));
    t.dispatcher().drain();
    Received captured =
        received.stream().filter(r -> r.answered() == 204).findFirst().orElseThrow();

    assertThat(
            WebhookSignature.verify(
                SECRET,
                captured.timestamp(),
                captured.body(),
                captured.signature(),
                TOLERANCE,
                clock))
        .isTrue();
    String tampered = captured.body().replace("\"actorId\":\"", "\"actorId\":\"x");
    assertThat(
            WebhookSignature.verify(
                SECRET, captured.timestamp(), tampered, captured.signature(), TOLERANCE, clock))
        .isFalse();
    clock.advance(Duration.ofMinutes(6));
    assertThat(
            WebhookSignature.verify(
                SECRET,
                captured.timestamp(),
                captured.body(),
                captured.signature(),
                TOLERANCE,
                clock))
        .as("replayed after the tolerance")
        .isFalse();
  }

  @Test
  @DisplayName(
      "a receiver slower than the timeout is a failed attempt; the ticket operation never waits for it")
  void timeouts() {
    Ticketing t = ticketing(RetryPolicy.fixed(3, Duration.ofSeconds(10)), Duration.ofMillis(300));
    slowMillis.set(1500);

    long started = System.nanoTime();
    TicketView ticket = t.service().createTicket(JOHN, CreateTicket.of("Slow", "Receiver", "acme"));
    t.service().addComment(ADMIN, new AddComment(ticket.id(), "On it", false));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

    t.dispatcher().drain(); // 3 notifications: 2 x ticket-created, 1 x comment-added
    assertThat(store.outbox().pendingCount()).isEqualTo(3);
    List<OutboxEntry> claimed =
        store
            .outbox()
            .claimDue(
                "inspector",
                clock.instant().plusSeconds(60),
                Duration.ofSeconds(1),
                10,
                List.of(Ticketing.DEFAULT_CHANNEL));
    assertThat(claimed)
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.lastError()).startsWith(HttpTimeoutException.class.getName());
            });
  }

  @Test
  @DisplayName(
      "operator API: a receiver that keeps failing leaves dead letters with the last error; re-drive delivers them")
  void deadLettersAndRedrive() {
    Ticketing t = ticketing(RetryPolicy.fixed(1, Duration.ofSeconds(10)), Duration.ofSeconds(5));
    failuresLeft.set(1_000);
    t.service().createTicket(JOHN, CreateTicket.of("Down", "Receiver", "acme"));
    t.dispatcher().drain();
    clock.advance(Duration.ofSeconds(10));
    t.dispatcher().drain();

    List<OutboxEntry> dead = t.dispatcher().deadLetters(10);
    assertThat(dead)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.attempts()).isEqualTo(2);
              assertThat(e.lastError()).contains("answered HTTP 500").doesNotContain(SECRET);
            });

    failuresLeft.set(0);
    assertThat(t.dispatcher().redrive(dead.get(0).id())).isTrue();
    assertThat(t.dispatcher().redriveAll()).isEqualTo(1);
    t.dispatcher().drain();
    assertThat(t.dispatcher().deadLetters(10)).isEmpty();
    assertThat(received.stream().filter(r -> r.answered() == 204)).hasSize(2);

    // Delivered rows stay until purged.
    assertThat(t.dispatcher().purgeDelivered(Duration.ofDays(30))).isZero();
    clock.advance(Duration.ofDays(31));
    assertThat(t.dispatcher().purgeDelivered(Duration.ofDays(30)))
        .as("the request and its 2 deliveries")
        .isEqualTo(3);
  }
}
