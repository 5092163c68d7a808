package dev.ticketing.spring.kafka;

import dev.ticketing.kafka.KafkaEventSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ticketing.kafka.*} properties: every ticket event published to Kafka, on when {@code
 * enabled} is true or a topic is set (and {@code enabled} is not false).
 *
 * @param enabled whether ticket events are published to Kafka; setting a topic turns them on too,
 *     false turns them off whatever else is set
 * @param publicTopic the topic every event goes to without internal-note text or staff-only field
 *     values
 * @param staffTopic the topic every event goes to whole, internal-note text included; for staff
 *     consumers only
 * @param source the CloudEvents source of every event, a URI reference naming this deployment
 * @param sendTimeout how long one publish may wait for the broker before the outbox retries it
 * @since 0.2.0
 */
@ConfigurationProperties("ticketing.kafka")
public record TicketingKafkaProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue(KafkaEventSettings.DEFAULT_PUBLIC_TOPIC) String publicTopic,
    @DefaultValue(KafkaEventSettings.DEFAULT_STAFF_TOPIC) String staffTopic,
    @DefaultValue(KafkaEventSettings.DEFAULT_SOURCE) URI source,
    @DefaultValue("30s") Duration sendTimeout) {

  /** The channel's settings. */
  public KafkaEventSettings settings() {
    return new KafkaEventSettings(publicTopic, staffTopic, source, sendTimeout);
  }
}
