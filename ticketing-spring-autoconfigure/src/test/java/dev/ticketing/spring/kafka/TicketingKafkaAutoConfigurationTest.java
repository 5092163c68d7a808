package dev.ticketing.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Ticketing;
import dev.ticketing.kafka.KafkaEventChannel;
import dev.ticketing.kafka.KafkaEventSettings;
import dev.ticketing.kafka.ProducerSettings;
import dev.ticketing.spi.Directory;
import dev.ticketing.spring.SpringFixtures;
import dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Kafka event channel from properties: off unless asked for, on with {@code
 * ticketing.kafka.enabled} or a topic, off again with {@code enabled=false}, absent without the
 * Kafka classes; it publishes with the host's {@code spring.kafka.*} settings and joins the outbox
 * as channel {@code kafka}. No broker is needed: the producer connects on its first send.
 */
class TicketingKafkaAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TicketingAutoConfiguration.class, TicketingKafkaAutoConfiguration.class))
          .withBean(Directory.class, () -> SpringFixtures.MODULE_PEOPLE)
          .withPropertyValues(
              "ticketing.outbox.enabled=false", "spring.kafka.bootstrap-servers=127.0.0.1:9");

  @Test
  void offUnlessAskedFor() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(KafkaEventChannel.class);
          assertThat(context.getBean(Ticketing.class).dispatcher().channels())
              .doesNotContain("kafka");
        });
  }

  @Test
  void enabledWithTheDefaultTopicsJoinsTheOutboxAsChannelKafka() {
    runner
        .withPropertyValues("ticketing.kafka.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(KafkaEventChannel.class);
              assertThat(context.getBean(KafkaEventChannel.class).settings())
                  .isEqualTo(KafkaEventSettings.defaults());
              assertThat(context.getBean(Ticketing.class).dispatcher().channels())
                  .contains("kafka");
            });
  }

  @Test
  void aTopicTurnsItOnAndEveryPropertyIsBound() {
    runner
        .withPropertyValues(
            "ticketing.kafka.public-topic=desk.events",
            "ticketing.kafka.staff-topic=desk.events.internal",
            "ticketing.kafka.source=https://desk.example.com",
            "ticketing.kafka.send-timeout=5s")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KafkaEventChannel.class).settings())
                  .isEqualTo(
                      new KafkaEventSettings(
                          "desk.events",
                          "desk.events.internal",
                          URI.create("https://desk.example.com"),
                          Duration.ofSeconds(5)));
            });
  }

  @Test
  void enabledFalseWinsOverATopic() {
    runner
        .withPropertyValues("ticketing.kafka.enabled=false", "ticketing.kafka.public-topic=x")
        .run(
            context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaEventChannel.class));
  }

  @Test
  void withoutTheKafkaClassesNothingIsConfigured() {
    runner
        .withClassLoader(new FilteredClassLoader(KafkaProducer.class, KafkaEventChannel.class))
        .withPropertyValues("ticketing.kafka.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("kafka"));
  }

  @Test
  void theSameTopicTwiceIsRefused() {
    runner
        .withPropertyValues(
            "ticketing.kafka.public-topic=events", "ticketing.kafka.staff-topic=events")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("must differ"));
  }

  @Test
  void publishesWithTheHostsSpringKafkaSettingsUnderTheRequiredOnes() {
    runner
        .withPropertyValues(
            "ticketing.kafka.enabled=true",
            "spring.kafka.producer.acks=1",
            "spring.kafka.producer.compression-type=zstd",
            "spring.kafka.producer.properties.linger.ms=20",
            "spring.kafka.client-id=desk")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Map<String, Object> host =
                  TicketingKafkaAutoConfiguration.producerConfig(
                      context.getBean(KafkaProperties.class));
              Map<String, Object> used = ProducerSettings.merge(host);
              assertThat(used)
                  .containsEntry("bootstrap.servers", java.util.List.of("127.0.0.1:9"))
                  .containsEntry("compression.type", "zstd")
                  .containsEntry("linger.ms", "20")
                  .containsEntry("client.id", "desk")
                  .containsEntry("acks", "all")
                  .containsEntry("enable.idempotence", true)
                  .containsEntry("delivery.timeout.ms", 30_000);
            });
  }
}
