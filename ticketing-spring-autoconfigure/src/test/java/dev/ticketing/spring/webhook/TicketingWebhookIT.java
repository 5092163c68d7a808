package dev.ticketing.spring.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.CreateTicket;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.notification.WebhookNotifier;
import dev.ticketing.notification.WebhookSignature;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Directory;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import dev.ticketing.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Webhooks configured by properties, against the JDK's HTTP server on loopback: the receiver
 * verifies each signature with {@link WebhookSignature#verify}, the first deliveries fail with 500
 * and the outbox retries them after the back-off.
 */
class TicketingWebhookIT {

  static final Actor JOHN = Actor.customer("john", "acme");
  static final Actor ADMIN = Actor.admin("admin");
  static final String SECRET = "whsec_spring_0123456789";

  record Received(String delivery, String body, int answered) {}

  private final MutableClock clock = MutableClock.frozen(Instant.parse("2025-10-07T10:30:00Z"));
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ticketing-events",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            boolean authentic =
                WebhookSignature.verify(
                    SECRET,
                    h.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    body,
                    h.getFirst(WebhookSignature.SIGNATURE_HEADER),
                    Duration.ofMinutes(5),
                    clock);
            int status =
                !authentic
                    ? 401
                    : failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(
                new Received(
                    h.getFirst(WebhookSignature.DELIVERY_HEADER),
                    new String(body, StandardCharsets.UTF_8),
                    status));
            exchange.sendResponseHeaders(status, -1);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                TicketingAutoConfiguration.class, TicketingWebhookAutoConfiguration.class))
        .withBean(Directory.class, () -> SpringFixtures.MODULE_PEOPLE)
        .withBean(TicketingClock.class, () -> new TicketingClock(clock))
        .withPropertyValues("ticketing.outbox.enabled=false");
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ticketing-events";
  }

  @Test
  @DisplayName(
      "endpoints from properties; failing deliveries retried after the back-off; every request verified")
  void deliversSignedEventsWithRetries() {
    runner()
        .withPropertyValues(
            "ticketing.webhooks.endpoints[0].url=" + url(),
            "ticketing.webhooks.endpoints[0].secret=" + SECRET,
            "ticketing.webhooks.endpoints[0].timeout=3s",
            "ticketing.webhooks.connect-timeout=2s",
            "ticketing.outbox.initial-delay=10s")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(WebhookNotifier.class);
              assertThat(context.getBean(WebhookNotifier.class).endpoints())
                  .singleElement()
                  .satisfies(
                      e -> {
                        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(3));
                        assertThat(e.toString()).doesNotContain(SECRET);
                      });
              TicketService tickets = context.getBean(TicketService.class);
              OutboxDispatcher dispatcher = context.getBean(OutboxDispatcher.class);
              failuresLeft.set(2);

              TicketView t =
                  tickets.createTicket(JOHN, CreateTicket.of("Webhook me", "Please", "acme"));
              tickets.assignTicket(ADMIN, new AssignTicket(t.id(), "sarah"));
              tickets.addComment(ADMIN, new AddComment(t.id(), "internal: check the logs", true));
              dispatcher.drain();
              clock.advance(Duration.ofSeconds(10));
              dispatcher.drain();

              assertThat(received)
                  .extracting(Received::answered)
                  .doesNotContain(401)
                  .filteredOn(s -> s == 500)
                  .hasSize(2);
              List<Received> ok = received.stream().filter(r -> r.answered() == 200).toList();
              // ticket-created to admin and root, ticket-assigned and internal-note-added to sarah.
              assertThat(ok).extracting(Received::delivery).doesNotHaveDuplicates().hasSize(4);
              assertThat(ok)
                  .extracting(r -> r.body().replaceAll(".*\"type\":\"([^\"]+)\".*", "$1"))
                  .containsExactlyInAnyOrder(
                      "ticket-created", "ticket-created", "ticket-assigned", "internal-note-added");
              // Webhooks are for the host's backend: the note's text is in its event (addressed to
              // staff).
              assertThat(ok)
                  .filteredOn(r -> r.body().contains("internal-note-added"))
                  .singleElement()
                  .satisfies(
                      r ->
                          assertThat(r.body())
                              .contains("\"recipientId\":\"sarah\"", "internal: check the logs"));
              assertThat(
                      context.getBean(dev.ticketing.spi.TicketStore.class).outbox().pendingCount())
                  .isZero();
            });
  }

  @Test
  @DisplayName(
      "no endpoint: no webhook notifier; an endpoint without a secret: the context does not start")
  void conditions() {
    runner()
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookNotifier.class));
    runner()
        .withPropertyValues("ticketing.webhooks.endpoints[0].url=" + url())
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .hasStackTraceContaining("needs a url and a secret"));
    runner()
        .withPropertyValues(
            "ticketing.enabled=false",
            "ticketing.webhooks.endpoints[0].url=" + url(),
            "ticketing.webhooks.endpoints[0].secret=" + SECRET)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookNotifier.class));
    runner()
        .withPropertyValues(
            "ticketing.webhooks.endpoints[0].url=" + url(),
            "ticketing.webhooks.endpoints[0].secret=" + SECRET,
            "ticketing.webhooks.endpoints[1].url=" + url() + "/second",
            "ticketing.webhooks.endpoints[1].secret=other")
        .run(
            context ->
                assertThat(context.getBean(WebhookNotifier.class).endpoints())
                    .hasSize(2)
                    .allSatisfy(
                        e -> assertThat(e.timeout()).isEqualTo(WebhookNotifier.DEFAULT_TIMEOUT)));
  }
}
