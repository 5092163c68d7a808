package dev.ticketing.notification;

import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook channel: POSTs each notification as a JSON event to the configured endpoints, signed
 * per {@link WebhookSignature} (headers {@value WebhookSignature#DELIVERY_HEADER}, {@value
 * WebhookSignature#TIMESTAMP_HEADER}, {@value WebhookSignature#SIGNATURE_HEADER}), with the JDK's
 * {@link HttpClient}.
 *
 * <p>A delivery succeeds when every endpoint answered 2xx within its timeout. Anything else (a
 * non-2xx answer, redirects included; a connect or request timeout; a refused connection) throws,
 * so the outbox retries the notification with back-off, and after the last attempt keeps it as a
 * dead letter. A retry goes to every endpoint of this channel again, and a lost answer is
 * indistinguishable from a lost request: delivery is at least once, and receivers drop repeats by
 * the delivery id, which is stable across retries and unique per (notification, channel).
 *
 * <p>The body:
 *
 * <pre>{@code
 * {"id":"5f0c...","type":"note-added","occurredAt":"2025-10-07T12:00:00Z","notificationId":"a1b2...",
 *  "channel":"webhooks","ticketId":"...","commentId":"...","recipientId":"john","actorId":"admin",
 *  "data":{"commentContent":"We refunded the payment.","priority":"MEDIUM","status":"OPEN",...}}
 * }</pre>
 *
 * <p>Webhooks go to the host's own backend, so the event carries everything the notification has,
 * including the text of internal notes in {@code internal-note-added} events (addressed to staff).
 * A receiver that forwards events to customers must apply the same rule the engine does.
 *
 * @since 0.1.0
 */
public final class WebhookNotifier implements Notifier {

  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

  /** The default request timeout of an endpoint. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final List<Endpoint> endpoints;
  private final HttpClient client;
  private final Clock clock;

  /**
   * One receiver.
   *
   * @param url where events are POSTed ({@code http} or {@code https})
   * @param secret the shared HMAC-SHA256 key; the receiver verifies with the same one
   * @param timeout how long one request may take, from sending to the response's status
   */
  public record Endpoint(URI url, String secret, Duration timeout) {
    public Endpoint {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(timeout, "timeout");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException(
            "webhook url must be an absolute http(s) URL: " + redacted(url));
      }
      if (secret.isBlank()) {
        throw new IllegalArgumentException(
            "webhook secret of " + redacted(url) + " must not be blank");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("webhook timeout must be positive");
      }
    }

    /** An endpoint with the {@link #DEFAULT_TIMEOUT}. */
    public Endpoint(URI url, String secret) {
      this(url, secret, DEFAULT_TIMEOUT);
    }

    @Override
    public String toString() {
      return "Endpoint[" + redacted(url) + ", timeout=" + timeout + "]"; // never the secret
    }
  }

  private WebhookNotifier(List<Endpoint> endpoints, HttpClient client, Clock clock) {
    this.endpoints = List.copyOf(endpoints);
    this.client = client;
    this.clock = clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The endpoints this notifier posts to. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** Delivers outside the outbox: the notification id is the delivery id. */
  @Override
  public void deliver(Notification notification) throws Exception {
    deliver(new Delivery(notification.id(), "webhooks", 1, notification));
  }

  @Override
  public void deliver(Delivery delivery) throws Exception {
    Notification notification = delivery.notification();
    String body = payload(delivery);
    List<Exception> failures = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      try {
        post(endpoint, delivery, body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      Exception first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private void post(Endpoint endpoint, Delivery delivery, String body)
      throws IOException, InterruptedException {
    Notification notification = delivery.notification();
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(endpoint.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "ticketing-webhooks/1")
            .header(WebhookSignature.DELIVERY_HEADER, delivery.id())
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(endpoint.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new IOException("webhook " + redacted(endpoint.url()) + " answered HTTP " + status);
    }
    log.debug(
        "Webhook {} took delivery {} ({})",
        redacted(endpoint.url()),
        delivery.id(),
        notification.template());
  }

  /** The JSON event of a notification delivered outside the outbox (its id as delivery id). */
  public static String payload(Notification n) {
    return payload(new Delivery(n.id(), "webhooks", 1, n));
  }

  /**
   * The JSON event of a delivery: {@code id} is the delivery id (the same as the {@value
   * WebhookSignature#DELIVERY_HEADER} header, unique per notification and channel),
   * {@code notificationId} the notification's own id (the same on every channel).
   */
  public static String payload(Delivery d) {
    Notification n = d.notification();
    return new JsonWriter()
        .field("id", d.id())
        .field("type", n.template().name())
        .field("occurredAt", n.occurredAt().toString())
        .field("notificationId", n.id())
        .field("channel", d.channel())
        .field("ticketId", n.ticketId())
        .field("commentId", n.commentId())
        .field("recipientId", n.recipientId())
        .field("actorId", n.actorId())
        .field("data", n.data())
        .end();
  }

  /** Scheme, host, port and path: no user info or query, which may hold credentials. */
  static String redacted(URI url) {
    return (url.getScheme() == null ? "" : url.getScheme() + "://")
        + (url.getHost() == null ? "" : url.getHost())
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /** Builder of {@link WebhookNotifier}. */
  public static final class Builder {
    private final List<Endpoint> endpoints = new ArrayList<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private @Nullable HttpClient client;

    private Builder() {}

    /** Adds an endpoint with the default request timeout. */
    public Builder endpoint(URI url, String secret) {
      endpoints.add(new Endpoint(url, secret));
      return this;
    }

    /** Adds an endpoint. */
    public Builder endpoint(Endpoint v) {
      endpoints.add(Objects.requireNonNull(v));
      return this;
    }

    /** How long connecting may take (default {@link #DEFAULT_CONNECT_TIMEOUT}); ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration v) {
      connectTimeout = Objects.requireNonNull(v);
      return this;
    }

    /** The clock of the {@value WebhookSignature#TIMESTAMP_HEADER} header (default the UTC system clock). */
    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v);
      return this;
    }

    /** A client of the host's (proxy, TLS settings); by default one that never follows redirects. */
    public Builder httpClient(HttpClient v) {
      client = Objects.requireNonNull(v);
      return this;
    }

    public WebhookNotifier build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("a webhook notifier needs at least one endpoint");
      }
      HttpClient c =
          client != null
              ? client
              : HttpClient.newBuilder()
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      return new WebhookNotifier(endpoints, c, clock);
    }
  }
}
