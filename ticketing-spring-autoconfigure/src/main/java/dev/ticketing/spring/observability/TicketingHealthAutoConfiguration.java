package dev.ticketing.spring.observability;

import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.autoconfigure.TicketingProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ticketing} health indicator, when Spring Boot's health support is present, unless
 * {@code ticketing.enabled=false} (then ticketing contributes nothing, even beside a dispatcher the
 * host builds itself).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TicketingAutoConfiguration.class)
@ConditionalOnClass({AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnBean(OutboxDispatcher.class)
@ConditionalOnEnabledHealthIndicator("ticketing")
public final class TicketingHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "ticketingHealthIndicator")
  TicketingHealthIndicator ticketingHealthIndicator(
      OutboxDispatcher dispatcher, TicketingProperties properties) {
    return new TicketingHealthIndicator(dispatcher, properties.health());
  }
}
