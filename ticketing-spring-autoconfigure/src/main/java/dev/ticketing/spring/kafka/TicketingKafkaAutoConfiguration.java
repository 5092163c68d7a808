package dev.ticketing.spring.kafka;

import dev.ticketing.kafka.KafkaEventChannel;
import dev.ticketing.kafka.ProducerSettings;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Ticket events on Kafka: when {@code ticketing-kafka} and Boot's Kafka support are on the class
 * path and {@code ticketing.kafka.enabled=true} or a {@code ticketing.kafka.*-topic} is set, a
 * {@link KafkaEventChannel} bean named {@value #CHANNEL} joins the outbox's channels (retried as
 * {@code ticketing.outbox.channels.kafka.*} says). It publishes with the host's {@code
 * spring.kafka.*} settings (bootstrap servers, security, {@code spring.kafka.producer.*}) under
 * {@link ProducerSettings#required()}: acks from every in-sync replica and idempotence, whatever
 * the host set. Backs off when the host defines its own {@link KafkaEventChannel}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
    beforeName = "dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration")
@ConditionalOnClass({KafkaEventChannel.class, KafkaProperties.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ticketing.kafka.enabled", matchIfMissing = true)
@Conditional(TicketingKafkaAutoConfiguration.Wanted.class)
@EnableConfigurationProperties({TicketingKafkaProperties.class, KafkaProperties.class})
public final class TicketingKafkaAutoConfiguration {

  /** The bean's name, and so the outbox channel's. */
  public static final String CHANNEL = KafkaEventChannel.DEFAULT_CHANNEL;

  @Bean(name = CHANNEL, destroyMethod = "close")
  @ConditionalOnMissingBean
  KafkaEventChannel kafka(TicketingKafkaProperties properties, KafkaProperties kafka) {
    return KafkaEventChannel.create(producerConfig(kafka), properties.settings());
  }

  /** The host's producer settings as Boot builds them, before the channel's required ones. */
  static Map<String, Object> producerConfig(KafkaProperties kafka) {
    return kafka.buildProducerProperties();
  }

  /** On when asked for: {@code ticketing.kafka.enabled=true} or a topic named. */
  static final class Wanted extends AnyNestedCondition {
    Wanted() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBooleanProperty("ticketing.kafka.enabled")
    static final class Enabled {}

    @ConditionalOnProperty("ticketing.kafka.public-topic")
    static final class PublicTopic {}

    @ConditionalOnProperty("ticketing.kafka.staff-topic")
    static final class StaffTopic {}
  }
}
