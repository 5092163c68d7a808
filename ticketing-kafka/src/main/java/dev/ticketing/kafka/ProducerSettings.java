package dev.ticketing.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer configuration {@link KafkaEventChannel} publishes with.
 *
 * <p>Required, whatever the host sets: {@code acks=all} (a record counts as published once every
 * in-sync replica has it), {@code enable.idempotence=true} (the producer's own retries neither
 * duplicate nor reorder records of a partition), at most 5 requests in flight per connection (the
 * most idempotence keeps in order), string keys and byte-array values.
 *
 * <p>Defaults, which the host may change: {@code delivery.timeout.ms=30000} and {@code
 * request.timeout.ms=10000} (a failed publish comes back to the outbox within half a minute rather
 * than Kafka's two), {@code max.block.ms=10000} (a broker that cannot be reached does not hold the
 * dispatcher's thread for a minute), {@code linger.ms=5}, {@code compression.type=lz4} and {@code
 * client.id=ticketing-events}.
 *
 * @since 0.2.0
 */
public final class ProducerSettings {

  private static final Logger log = LoggerFactory.getLogger(ProducerSettings.class);

  private ProducerSettings() {}

  /** The settings a host may change. */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>();
    d.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    d.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    d.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    d.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    d.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    d.put(ProducerConfig.CLIENT_ID_CONFIG, "ticketing-events");
    return d;
  }

  /** The settings the order and the at-least-once promise rest on. */
  public static Map<String, Object> required() {
    Map<String, Object> r = new HashMap<>();
    r.put(ProducerConfig.ACKS_CONFIG, "all");
    r.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    r.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    r.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return r;
  }

  /**
   * {@link #defaults()}, then the host's {@code config}, then {@link #required()}; a host's other
   * acks or idempotence is logged as replaced, and more than 5 requests in flight is lowered to 5.
   */
  public static Map<String, Object> merge(Map<String, Object> config) {
    Map<String, Object> out = defaults();
    out.putAll(config);
    required()
        .forEach(
            (key, value) -> {
              Object given = config.get(key);
              // Serializers are the channel's business; a host's acks or idempotence is worth a
              // word.
              boolean promise =
                  key.equals(ProducerConfig.ACKS_CONFIG)
                      || key.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
              if (promise
                  && given != null
                  && !String.valueOf(given).equals(String.valueOf(value))
                  && !(key.equals(ProducerConfig.ACKS_CONFIG)
                      && "-1".equals(String.valueOf(given)))) {
                log.warn(
                    "Kafka producer setting {}={} replaced by {} for ticket events",
                    key,
                    given,
                    value);
              }
              out.put(key, value);
            });
    Object inFlight = out.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    if (inFlight != null && Integer.parseInt(String.valueOf(inFlight)) > 5) {
      log.warn("Kafka producer setting max.in.flight.requests.per.connection lowered to 5");
      out.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    }
    return out;
  }
}
