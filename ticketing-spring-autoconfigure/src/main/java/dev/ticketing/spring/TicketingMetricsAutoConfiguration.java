package dev.ticketing.spring;

import dev.ticketing.TicketService;
import dev.ticketing.notification.OutboxDispatcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics, when Micrometer is present: a timer per service operation and outcome
 * ({@code ticketing.operations}) and gauges of the outbox ({@code ticketing.outbox.pending}, {@code
 * ticketing.outbox.dead}).
 */
@AutoConfiguration(
    after = TicketingAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
public final class TicketingMetricsAutoConfiguration {

  /** Wraps the service bean once a meter registry exists; looks the registry up lazily. */
  @Bean
  static BeanPostProcessor ticketingServiceMetrics(ObjectProvider<MeterRegistry> registries) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof TicketService service && !java.lang.reflect.Proxy.isProxyClass(bean.getClass())) {
          MeterRegistry registry = registries.getIfUnique();
          return registry == null ? bean : MeteredTicketService.wrap(service, registry);
        }
        return bean;
      }
    };
  }

  @Bean
  Object ticketingOutboxGauges(ObjectProvider<MeterRegistry> registries, ObjectProvider<OutboxDispatcher> dispatchers) {
    MeterRegistry registry = registries.getIfUnique();
    OutboxDispatcher dispatcher = dispatchers.getIfUnique();
    if (registry != null && dispatcher != null) {
      Gauge.builder("ticketing.outbox.pending", dispatcher, d -> d.outbox().pendingCount())
          .description("Notifications waiting for delivery").register(registry);
      Gauge.builder("ticketing.outbox.dead", dispatcher, d -> d.outbox().deadCount())
          .description("Notifications that gave up after all attempts").register(registry);
    }
    return new Object();
  }
}
