package dev.ticketing.internal;

import dev.ticketing.notification.WebhookSignature;
import dev.ticketing.spi.IdGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook calls of rules, once each, after the change that fired them committed: signed
 * like the webhook channel (delivery id, timestamp, HMAC-SHA256 of timestamp and body), ten seconds
 * at most, a failure logged and not retried (for delivery with retries, notify through the outbox).
 */
final class RuleWebhooks {

  private static final Logger log = LoggerFactory.getLogger(RuleWebhooks.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Clock clock;
  private final IdGenerator ids;
  private volatile @org.jspecify.annotations.Nullable HttpClient client;

  RuleWebhooks(Clock clock, IdGenerator ids) {
    this.clock = clock;
    this.ids = ids;
  }

  void send(URI url, String secret, String body) {
    long timestamp = clock.instant().getEpochSecond();
    String delivery = ids.newId();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("User-Agent", "ticketing-automation/1")
              .header(WebhookSignature.DELIVERY_HEADER, delivery)
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(
                  WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        log.warn(
            "automation webhook {} answered HTTP {}; not retried",
            host(url),
            response.statusCode());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("automation webhook {} failed; not retried: {}", host(url), e.toString());
    }
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      client = c;
    }
    return c;
  }

  private static String host(URI url) {
    return url.getScheme() + "://" + url.getHost();
  }

  /** A flat JSON object of strings, in the map's order. */
  static String json(Map<String, String> values) {
    StringBuilder b = new StringBuilder("{");
    values.forEach(
        (k, v) -> {
          if (b.length() > 1) {
            b.append(',');
          }
          quote(b, k);
          b.append(':');
          quote(b, v);
        });
    return b.append('}').toString();
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }
}
