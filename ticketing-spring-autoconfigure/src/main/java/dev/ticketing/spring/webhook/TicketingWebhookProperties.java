package dev.ticketing.spring.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ticketing.webhooks.*} properties: signed JSON events POSTed to the host's endpoints.
 *
 * @param endpoints the receivers, each with "url", "secret" (the HMAC-SHA256 key) and
 *     "timeout" (default 10s); webhooks are on when at least one is configured
 * @param connectTimeout how long connecting to an endpoint may take
 * @since 0.1.0
 */
@ConfigurationProperties("ticketing.webhooks")
public record TicketingWebhookProperties(
    @DefaultValue List<Endpoint> endpoints, @DefaultValue("5s") Duration connectTimeout) {

  /**
   * One receiver.
   *
   * @param url where events are POSTed (http or https)
   * @param secret the shared HMAC-SHA256 key the receiver verifies signatures with
   * @param timeout how long one request may take
   */
  public record Endpoint(
      @Nullable URI url, @Nullable String secret, @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
      return "Endpoint[url=" + url + ", timeout=" + timeout + "]"; // never the secret
    }
  }
}
