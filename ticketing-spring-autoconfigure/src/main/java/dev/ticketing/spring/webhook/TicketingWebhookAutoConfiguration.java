package dev.ticketing.spring.webhook;

import dev.ticketing.notification.WebhookNotifier;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Webhook notifications: when {@code ticketing.webhooks.endpoints[0].url} is set, a {@link
 * WebhookNotifier} posting signed JSON events to every configured endpoint joins the host's
 * notifiers. Backs off when the host defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "ticketing.webhooks.endpoints[0].url")
@EnableConfigurationProperties(TicketingWebhookProperties.class)
public final class TicketingWebhookAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WebhookNotifier ticketingWebhookNotifier(
      TicketingWebhookProperties properties, ObjectProvider<TicketingClock> clock) {
    WebhookNotifier.Builder webhooks =
        WebhookNotifier.builder()
            .connectTimeout(properties.connectTimeout())
            .clock(clock.getIfUnique(TicketingClock::system).clock());
    for (int i = 0; i < properties.endpoints().size(); i++) {
      TicketingWebhookProperties.Endpoint e = properties.endpoints().get(i);
      if (e.url() == null || e.secret() == null || e.secret().isBlank()) {
        throw new IllegalStateException(
            "ticketing.webhooks.endpoints[" + i + "] needs a url and a secret");
      }
      webhooks.endpoint(new WebhookNotifier.Endpoint(e.url(), e.secret(), e.timeout()));
    }
    return webhooks.build();
  }
}
