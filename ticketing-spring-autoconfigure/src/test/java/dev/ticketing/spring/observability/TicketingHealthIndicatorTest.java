package dev.ticketing.spring.observability;

import static dev.ticketing.spring.SpringFixtures.CUSTOMER;
import static dev.ticketing.spring.SpringFixtures.TICKETING;
import static dev.ticketing.spring.SpringFixtures.dispatcher;
import static dev.ticketing.spring.SpringFixtures.newTicket;
import static dev.ticketing.spring.SpringFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.TicketService;
import dev.ticketing.Ticketing;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingProperties;
import dev.ticketing.testsupport.RecordingNotifier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code ticketing} health indicator: up, degraded at the thresholds, and its conditions.
 */
class TicketingHealthIndicatorTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(TICKETING);

  @Test
  void upWithDetails() {
    runner.run(
        context -> {
          Health health = context.getBean(TicketingHealthIndicator.class).health();
          assertThat(health.getStatus())
              .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
          assertThat(health.getDetails())
              .containsEntry("pending", 0L)
              .containsEntry("dead", 0L)
              .containsEntry("dispatching", true)
              .containsEntry("deadLetterThreshold", 1L)
              .containsEntry("backlogThreshold", 1000L)
              .containsEntry(
                  "channels",
                  java.util.Map.of(
                      "recipients", java.util.Map.of("pending", 0L, "dead", 0L),
                      "events", java.util.Map.of("pending", 0L, "dead", 0L)));
        });
  }

  @Test
  void degradedWhenDeadLettersReachTheThreshold() {
    runner
        .withPropertyValues("ticketing.outbox.enabled=false", "ticketing.outbox.max-retries=0")
        .withBean(Directory.class, SpringFixtures::directory)
        .withBean(Notifier.class, RecordingNotifier::alwaysFailing)
        .run(
            context -> {
              TicketingHealthIndicator indicator = context.getBean(TicketingHealthIndicator.class);
              service(context).createTicket(CUSTOMER, newTicket());
              assertThat(indicator.health().getStatus())
                  .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
              dispatcher(context).drain();
              Health health = indicator.health();
              assertThat(health.getStatus()).isEqualTo(TicketingHealthIndicator.DEGRADED);
              assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
              assertThat(health.getDetails())
                  .containsEntry("dead", 1L)
                  .containsEntry("dispatching", false);
              String channel =
                  dispatcher(context).channels().stream()
                      .filter(c -> !c.equals("events"))
                      .findFirst()
                      .orElseThrow();
              assertThat(channel).as("the bean's name").isEqualTo("notifier");
              assertThat(health.getDetails().get("channels"))
                  .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                  .containsEntry(channel, java.util.Map.of("pending", 0L, "dead", 1L));
            });
  }

  @Test
  void deadLetterThresholdProperty() {
    runner
        .withPropertyValues(
            "ticketing.outbox.enabled=false",
            "ticketing.outbox.max-retries=0",
            "ticketing.health.dead-letter-threshold=2")
        .withBean(Directory.class, SpringFixtures::directory)
        .withBean(Notifier.class, RecordingNotifier::alwaysFailing)
        .run(
            context -> {
              service(context).createTicket(CUSTOMER, newTicket());
              dispatcher(context).drain();
              assertThat(context.getBean(TicketingHealthIndicator.class).health().getStatus())
                  .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
              service(context).createTicket(CUSTOMER, newTicket());
              dispatcher(context).drain();
              assertThat(context.getBean(TicketingHealthIndicator.class).health().getStatus())
                  .isEqualTo(TicketingHealthIndicator.DEGRADED);
            });
  }

  @Test
  void degradedWhenTheBacklogReachesTheThreshold() {
    runner
        .withPropertyValues(
            "ticketing.outbox.enabled=false", "ticketing.health.backlog-threshold=2")
        .withBean(Directory.class, SpringFixtures::directory)
        .run(
            context -> {
              TicketingHealthIndicator indicator = context.getBean(TicketingHealthIndicator.class);
              service(context).createTicket(CUSTOMER, newTicket());
              assertThat(indicator.health().getStatus())
                  .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
              service(context).createTicket(CUSTOMER, newTicket());
              assertThat(indicator.health().getStatus())
                  .isEqualTo(TicketingHealthIndicator.DEGRADED);
              assertThat(indicator.health().getDetails()).containsEntry("pending", 2L);
            });
  }

  @Test
  void switchedOff() {
    runner
        .withPropertyValues("management.health.ticketing.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(TicketingHealthIndicator.class)
                    .hasSingleBean(TicketService.class));
    runner
        .withPropertyValues("management.health.defaults.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TicketingHealthIndicator.class));
    runner
        .withPropertyValues(
            "management.health.defaults.enabled=false", "management.health.ticketing.enabled=true")
        .run(context -> assertThat(context).hasSingleBean(TicketingHealthIndicator.class));
  }

  @Test
  void hostIndicatorOfTheSameName() {
    runner
        .withBean(
            "ticketingHealthIndicator",
            TicketingHealthIndicator.class,
            () ->
                new TicketingHealthIndicator(
                    Ticketing.builder().backgroundDispatch(false).build().dispatcher(),
                    new TicketingProperties.Health(5, 5)))
        .run(context -> assertThat(context).hasSingleBean(TicketingHealthIndicator.class));
  }

  @Test
  void withoutHealthSupportNoIndicator() {
    runner
        .withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(TicketingHealthIndicator.class));
  }

  @Test
  void noEngineNoIndicator() {
    runner
        .withPropertyValues("ticketing.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TicketingHealthIndicator.class));
  }

  /**
   * Switched off, ticketing contributes nothing to health even when the host has a dispatcher of
   * its own (an engine it builds itself): no indicator, and no failure for want of the ticketing
   * properties the indicator reads.
   */
  @Test
  void switchedOffWithTheHostsOwnDispatcher() {
    runner
        .withPropertyValues("ticketing.enabled=false")
        .withBean(
            OutboxDispatcher.class,
            () -> Ticketing.builder().backgroundDispatch(false).build().dispatcher())
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(OutboxDispatcher.class)
                    .doesNotHaveBean(TicketingHealthIndicator.class)
                    .doesNotHaveBean(TicketService.class));
  }
}
