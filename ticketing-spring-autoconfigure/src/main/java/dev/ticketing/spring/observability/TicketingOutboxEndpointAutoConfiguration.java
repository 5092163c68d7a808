package dev.ticketing.spring.observability;

import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ticketing-outbox} actuator endpoint ({@link TicketingOutboxEndpoint}), when Spring
 * Boot's actuator is present and the host exposes the endpoint (on the web or over JMX) and grants
 * it access: a bean only where it is available, like Boot's own endpoints.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TicketingAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnBean(OutboxDispatcher.class)
public final class TicketingOutboxEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  TicketingOutboxEndpoint ticketingOutboxEndpoint(OutboxDispatcher dispatcher) {
    return new TicketingOutboxEndpoint(dispatcher);
  }
}
