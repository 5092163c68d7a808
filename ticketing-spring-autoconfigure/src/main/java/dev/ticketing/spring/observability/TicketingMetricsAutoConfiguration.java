package dev.ticketing.spring.observability;

import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Observations and metrics, when Micrometer is present.
 *
 * <p>Every service call is an observation ({@link ObservedTicketService}) in the host's {@link
 * ObservationRegistry}: with Boot's metrics it is timed as {@code ticketing.operations} tagged
 * with the operation and its outcome, with a tracer it is a span. A host with a {@link
 * MeterRegistry} but no observation registry still gets the timers, through a registry of its own
 * that only times.
 *
 * <p>The outbox is measured by a {@link MeterBinder} bean ({@link TicketingOutboxMetrics}), which
 * Boot's metrics support binds to every meter registry: {@code ticketing.outbox.pending} and
 * {@code ticketing.outbox.dead} tagged {@code channel}, and {@code ticketing.directory.failures}
 * tagged {@code during=view|recipients}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    after = TicketingAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
public final class TicketingMetricsAutoConfiguration {

  private static final boolean METERS_PRESENT =
      ClassUtils.isPresent(
          "io.micrometer.core.instrument.observation.DefaultMeterObservationHandler",
          TicketingMetricsAutoConfiguration.class.getClassLoader());

  /**
   * Observes the service bean, whichever made it, once a registry exists; looks the registries up
   * lazily, as a post-processor is created before them.
   */
  @Bean
  static BeanPostProcessor ticketingServiceObservations(
      ObjectProvider<ObservationRegistry> observations, BeanFactory beans) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof TicketService service && !ObservedTicketService.isObserved(bean)) {
          ObservationRegistry registry = observations.getIfUnique();
          if (registry == null && METERS_PRESENT) {
            registry = TimingOnly.registry(beans);
          }
          return registry == null || registry.isNoop()
              ? bean
              : ObservedTicketService.wrap(service, registry);
        }
        return bean;
      }
    };
  }

  /** An observation registry that only times, for hosts with meters but without observations. */
  private static final class TimingOnly {
    static @Nullable ObservationRegistry registry(BeanFactory beans) {
      MeterRegistry meters = beans.getBeanProvider(MeterRegistry.class).getIfUnique();
      if (meters == null) {
        return null;
      }
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
      return registry;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
  static final class OutboxMeters {
    @Bean
    @ConditionalOnBean(OutboxDispatcher.class)
    @ConditionalOnMissingBean(name = "ticketingOutboxMetrics")
    TicketingOutboxMetrics ticketingOutboxMetrics(
        OutboxDispatcher dispatcher,
        ObjectProvider<Ticketing> ticketing,
        ObjectProvider<TicketingClock> clock) {
      Ticketing engine = ticketing.getIfUnique();
      return new TicketingOutboxMetrics(
          dispatcher,
          engine == null ? null : engine.directoryFailures(),
          clock.getIfUnique(TicketingClock::system).clock());
    }
  }
}
