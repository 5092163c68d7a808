package dev.ticketing.kafka;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link KafkaEventChannel} publishes.
 *
 * @param publicTopic the topic every event goes to without staff-only content: an internal note
 *     there is an event of kind {@code internal-note-added} without its text, and staff-only custom
 *     field changes are left out (default {@value #DEFAULT_PUBLIC_TOPIC})
 * @param staffTopic the topic every event goes to whole, internal-note text included; grant it to
 *     staff-facing consumers only (default {@value #DEFAULT_STAFF_TOPIC})
 * @param source the CloudEvents {@code source} of every event, a URI reference naming this
 *     deployment (default {@value #DEFAULT_SOURCE})
 * @param sendTimeout how long one publish may wait for the broker's acknowledgement of both
 *     records before the attempt fails and the outbox retries it (default 30 seconds)
 * @since 0.2.0
 */
public record KafkaEventSettings(
    String publicTopic, String staffTopic, URI source, Duration sendTimeout) {

  /** The default public topic. */
  public static final String DEFAULT_PUBLIC_TOPIC = "ticketing.ticket-events";

  /** The default staff-only topic. */
  public static final String DEFAULT_STAFF_TOPIC = "ticketing.ticket-events.staff";

  /** The default CloudEvents source. */
  public static final String DEFAULT_SOURCE = "/ticketing";

  /** The default send timeout. */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);

  // Kafka's own rule for topic names.
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public KafkaEventSettings {
    Objects.requireNonNull(publicTopic, "publicTopic");
    Objects.requireNonNull(staffTopic, "staffTopic");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    for (String topic : new String[] {publicTopic, staffTopic}) {
      if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
        throw new IllegalArgumentException(
            "topic '" + topic + "' must be 1 to 249 letters, digits, '.', '_' or '-'");
      }
    }
    if (publicTopic.equals(staffTopic)) {
      throw new IllegalArgumentException(
          "the public and the staff topic must differ: internal notes would reach the public one");
    }
    if (source.toString().isEmpty()) {
      throw new IllegalArgumentException("source must not be empty");
    }
    if (sendTimeout.isNegative() || sendTimeout.isZero()) {
      throw new IllegalArgumentException("sendTimeout must be positive");
    }
  }

  /** Every default. */
  public static KafkaEventSettings defaults() {
    return new KafkaEventSettings(
        DEFAULT_PUBLIC_TOPIC,
        DEFAULT_STAFF_TOPIC,
        URI.create(DEFAULT_SOURCE),
        DEFAULT_SEND_TIMEOUT);
  }

  public KafkaEventSettings withPublicTopic(String v) {
    return new KafkaEventSettings(v, staffTopic, source, sendTimeout);
  }

  public KafkaEventSettings withStaffTopic(String v) {
    return new KafkaEventSettings(publicTopic, v, source, sendTimeout);
  }

  public KafkaEventSettings withSource(URI v) {
    return new KafkaEventSettings(publicTopic, staffTopic, v, sendTimeout);
  }

  public KafkaEventSettings withSendTimeout(Duration v) {
    return new KafkaEventSettings(publicTopic, staffTopic, source, v);
  }
}
