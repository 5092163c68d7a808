package dev.ticketing.spring;

import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.notification.OutboxDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics, when Micrometer is present: a timer per service operation and outcome
 * ({@code ticketing.operations}), gauges of the outbox per channel and state ({@code
 * ticketing.outbox.pending} and {@code ticketing.outbox.dead}, tagged {@code channel}), and the
 * count of directory failures the engine carried on through ({@code ticketing.directory.failures},
 * tagged {@code during=view|recipients}). The meters are bound by {@link MeterBinder} beans, which
 * Boot's metrics support binds to every registry.
 */
@AutoConfiguration(
    after = TicketingAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
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
  @ConditionalOnBean(OutboxDispatcher.class)
  @ConditionalOnMissingBean(name = "ticketingOutboxMetrics")
  TicketingOutboxMetrics ticketingOutboxMetrics(OutboxDispatcher dispatcher, ObjectProvider<Ticketing> ticketing,
      ObjectProvider<Clock> clock) {
    Ticketing engine = ticketing.getIfUnique();
    return new TicketingOutboxMetrics(dispatcher, engine == null ? null : engine.directoryFailures(),
        clock.getIfUnique(Clock::systemUTC));
  }
}
