package dev.ticketing.spring.observability;

import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static dev.ticketing.spring.SpringFixtures.dispatcher;
import static dev.ticketing.spring.SpringFixtures.newTicket;
import static dev.ticketing.spring.SpringFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.ChangeStatus;
import dev.ticketing.NotFoundException;
import dev.ticketing.Status;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Ticketing;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RecordingNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Observations and metrics of the auto-configured engine: an observation per service call, which
 * the meter handler turns into timers per operation and outcome; the outbox gauges and the
 * directory failure counters.
 */
class TicketingMetricsTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(TICKETING);

  @Test
  void timersPerOperationAndOutcomeAndOutboxGauges() {
    MutableClock clock = MutableClock.frozen(Instant.parse("2030-01-01T00:00:00Z"));
    runner
        .withPropertyValues("ticketing.outbox.enabled=false")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(TicketingClock.class, () -> new TicketingClock(clock))
        .withBean(Directory.class, SpringFixtures::directory)
        .withBean("mail", Notifier.class, RecordingNotifier::alwaysFailing)
        .run(
            context -> {
              // Boot binds MeterBinder beans to its registries; here, with a registry of our own,
              // we do.
              context
                  .getBean(TicketingOutboxMetrics.class)
                  .bindTo(context.getBean(MeterRegistry.class));
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              TicketService tickets = service(context);
              assertThat(Proxy.isProxyClass(tickets.getClass())).isTrue();
              TicketView t = tickets.createTicket(CUSTOMER, newTicket());
              tickets.ticket(CUSTOMER, t.id());
              assertThatThrownBy(() -> tickets.ticket(CUSTOMER, "missing"))
                  .isInstanceOf(NotFoundException.class);
              assertThatThrownBy(
                      () ->
                          tickets.changeStatus(CUSTOMER, new ChangeStatus(t.id(), Status.RESOLVED)))
                  .isInstanceOf(AccessDeniedException.class);

              assertThat(timer(registry, "createTicket", "ok").count()).isEqualTo(1);
              assertThat(timer(registry, "ticket", "ok").count()).isEqualTo(1);
              assertThat(timer(registry, "ticket", "not_found").count()).isEqualTo(1);
              assertThat(timer(registry, "changeStatus", "access_denied").count()).isEqualTo(1);

              assertThat(gauge(registry, "ticketing.outbox.pending", "recipients")).isEqualTo(1.0);
              assertThat(gauge(registry, "ticketing.outbox.dead", "recipients")).isEqualTo(0.0);
              assertThat(gauge(registry, "ticketing.outbox.pending", "mail")).isEqualTo(0.0);
              dispatcher(context).drain();
              assertThat(gauge(registry, "ticketing.outbox.pending", "recipients"))
                  .as("read again after 5 s only")
                  .isEqualTo(1.0);
              clock.advance(TicketingOutboxMetrics.CACHE);
              assertThat(gauge(registry, "ticketing.outbox.pending", "recipients")).isEqualTo(0.0);
              assertThat(gauge(registry, "ticketing.outbox.pending", "mail"))
                  .as("the failed mail waits")
                  .isEqualTo(1.0);
              assertThat(gauge(registry, "ticketing.outbox.pending", "events")).isEqualTo(0.0);
              assertThat(
                      registry
                          .get("ticketing.directory.failures")
                          .tag("during", "view")
                          .functionCounter()
                          .count())
                  .isZero();
            });
  }

  private double gauge(MeterRegistry registry, String name, String channel) {
    return registry.get(name).tag("channel", channel).gauge().value();
  }

  @Test
  void directoryFailuresAreCounted() {
    runner
        .withPropertyValues("ticketing.outbox.enabled=false")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(
            Directory.class,
            () ->
                new Directory() {
                  @Override
                  public java.util.Map<String, dev.ticketing.spi.UserInfo> users(
                      java.util.Collection<String> ids) {
                    throw new IllegalStateException("directory down (test)");
                  }

                  @Override
                  public java.util.Map<String, dev.ticketing.spi.CompanyInfo> companies(
                      java.util.Collection<String> ids) {
                    throw new IllegalStateException("directory down (test)");
                  }

                  @Override
                  public List<String> adminIds() {
                    throw new IllegalStateException("directory down (test)");
                  }
                })
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              context.getBean(TicketingOutboxMetrics.class).bindTo(registry);
              TicketView t = service(context).createTicket(CUSTOMER, newTicket());
              assertThat(t.user().known()).isFalse();
              dispatcher(context).drain();
              assertThat(
                      registry
                          .get("ticketing.directory.failures")
                          .tag("during", "view")
                          .functionCounter()
                          .count())
                  .isEqualTo(2.0); // the users and the companies of the created ticket's view
              assertThat(
                      registry
                          .get("ticketing.directory.failures")
                          .tag("during", "recipients")
                          .functionCounter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  private static Timer timer(MeterRegistry registry, String operation, String outcome) {
    return registry
        .get(ObservedTicketService.NAME)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .timer();
  }

  @Test
  void noRegistryNoWrapping() {
    runner.run(
        context -> {
          assertThat(Proxy.isProxyClass(service(context).getClass())).isFalse();
          assertThat(service(context)).isSameAs(context.getBean(Ticketing.class).service());
        });
  }

  @Test
  void hostServiceIsTimedToo() {
    TicketService host = Ticketing.builder().backgroundDispatch(false).build().service();
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean("hostTicketService", TicketService.class, () -> host)
        .run(
            context -> {
              service(context).categories();
              assertThat(timer(context.getBean(MeterRegistry.class), "categories", "ok").count())
                  .isEqualTo(1);
            });
  }

  @Test
  void withoutMicrometerNoMetricsBeans() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class, ObservationRegistry.class))
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .doesNotHaveBean("ticketingServiceObservations")
                  .doesNotHaveBean("ticketingOutboxMetrics");
              assertThat(Proxy.isProxyClass(service(context).getClass())).isFalse();
            });
  }

  @Test
  void withoutMetersTheObservationsStillRun() {
    List<Observation.Context> observed = new CopyOnWriteArrayList<>();
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withBean(ObservationRegistry.class, () -> recording(observed))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean("ticketingOutboxMetrics");
              service(context).categories();
              assertThat(observed)
                  .extracting(Observation.Context::getName)
                  .containsExactly(ObservedTicketService.NAME);
            });
  }

  @Test
  void aNoopRegistryLeavesTheServiceAlone() {
    runner
        .withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP)
        .run(context -> assertThat(Proxy.isProxyClass(service(context).getClass())).isFalse());
  }

  // ------------------------------------------------------------------ observations

  @Test
  void eachCallIsAnObservationAndATimer() {
    List<Observation.Context> observed = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    runner
        .withBean(
            ObservationRegistry.class,
            () -> {
              ObservationRegistry registry = recording(observed);
              registry
                  .observationConfig()
                  .observationHandler(new DefaultMeterObservationHandler(meters));
              return registry;
            })
        .withBean(Directory.class, SpringFixtures::directory)
        .run(
            context -> {
              TicketService tickets = service(context);
              TicketView t = tickets.createTicket(CUSTOMER, newTicket());
              assertThatThrownBy(() -> tickets.ticket(CUSTOMER, "missing"))
                  .isInstanceOf(NotFoundException.class);

              assertThat(observed).hasSize(2);
              Observation.Context created = observed.get(0);
              assertThat(created.getName()).isEqualTo("ticketing.operations");
              assertThat(created.getContextualName()).isEqualTo("ticketing createTicket");
              assertThat(
                      created.getLowCardinalityKeyValues().stream()
                          .map(k -> k.getKey() + "=" + k.getValue()))
                  .containsExactlyInAnyOrder("operation=createTicket", "outcome=ok");
              assertThat(created.getError()).isNull();
              Observation.Context refused = observed.get(1);
              assertThat(refused.getLowCardinalityKeyValue("outcome").getValue())
                  .isEqualTo("not_found");
              assertThat(refused.getError()).isInstanceOf(NotFoundException.class);

              // The meter handler turns the same observations into the timers dashboards read.
              assertThat(timer(meters, "createTicket", "ok").count()).isEqualTo(1);
              assertThat(timer(meters, "ticket", "not_found").count()).isEqualTo(1);
              assertThat(t.id()).isNotBlank();
            });
  }

  @Test
  void withBootsObservationAndMetricsTheTimersAndObservationsBothArrive() {
    List<Observation.Context> observed = new CopyOnWriteArrayList<>();
    runner
        .withConfiguration(
            AutoConfigurations.of(
                ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
        .withBean("recordingHandler", ObservationHandler.class, () -> recordingHandler(observed))
        .withBean(Directory.class, SpringFixtures::directory)
        .run(
            context -> {
              service(context).createTicket(CUSTOMER, newTicket());
              assertThat(observed)
                  .extracting(Observation.Context::getContextualName)
                  .contains("ticketing createTicket");
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              assertThat(timer(meters, "createTicket", "ok").count()).isEqualTo(1);
              assertThat(
                      meters.get("ticketing.outbox.pending").tag("channel", "recipients").gauge())
                  .isNotNull();
            });
  }

  private static ObservationRegistry recording(List<Observation.Context> observed) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(recordingHandler(observed));
    return registry;
  }

  private static ObservationHandler<Observation.Context> recordingHandler(
      List<Observation.Context> observed) {
    return new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        observed.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    };
  }
}
