package dev.ticketing.kafka;

import dev.ticketing.notification.Channel;
import dev.ticketing.notification.RetryPolicy;
import dev.ticketing.notification.TicketEvent;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.TicketEventNotifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every ticket event to Kafka: an outbox channel ({@link TicketEventNotifier}), so an
 * event is in the outbox in the change's transaction and published after commit, at least once.
 *
 * <p>Each event becomes two records, both keyed by the ticket's id (so all events of a ticket land
 * in one partition, in order) and both in CloudEvents structured JSON ({@link CloudEventJson}): one
 * on the public topic without staff-only content ({@link TicketEvent#withoutStaffContent()}), one
 * whole on the staff topic. An attempt succeeds when the broker acknowledged both; otherwise it
 * throws and the outbox retries it with the channel's retry policy. A retry may publish a record
 * again: consumers drop repeats by the CloudEvents {@code id}, the same on every attempt.
 *
 * <p>Order: the outbox hands a ticket's events over in the order of the changes, and the producer
 * (idempotent, {@code acks=all}) keeps the order of what it sends to one partition. When a publish
 * fails, the ticket's later events are held back (failed too, so the outbox retries them later) until
 * the failed one is published, so a retry never lets a later event overtake an earlier one. The
 * channel remembers held tickets in memory; after a restart, the outbox's order alone applies.
 *
 * @since 0.2.0
 */
public final class KafkaEventChannel implements TicketEventNotifier, AutoCloseable {

  /** The default channel name, kept in the outbox rows. */
  public static final String DEFAULT_CHANNEL = "kafka";

  /**
   * The default retry policy: 20 retries, waiting 1 s, 2 s, 4 s ... up to 5 minutes (about 1.5
   * hours in all), so that a broker outage of that length loses nothing and needs no re-drive.
   */
  public static final RetryPolicy DEFAULT_RETRY =
      new RetryPolicy(20, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

  private static final Logger log = LoggerFactory.getLogger(KafkaEventChannel.class);

  private final Producer<String, byte[]> producer;
  private final KafkaEventSettings settings;
  private final boolean ownsProducer;
  private final TicketOrder order = new TicketOrder();

  /**
   * A channel publishing through {@code producer}, which the host keeps and closes. The producer
   * must be idempotent with {@code acks=all} ({@link ProducerSettings}) for the order to hold.
   */
  public KafkaEventChannel(Producer<String, byte[]> producer, KafkaEventSettings settings) {
    this(producer, settings, false);
  }

  private KafkaEventChannel(
      Producer<String, byte[]> producer, KafkaEventSettings settings, boolean ownsProducer) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ownsProducer = ownsProducer;
  }

  /**
   * A channel with a producer of its own, made from {@code config} ({@code bootstrap.servers} and
   * whatever else the host sets) with {@link ProducerSettings#defaults()} under it and {@link
   * ProducerSettings#required()} over it; {@link #close()} closes the producer.
   */
  public static KafkaEventChannel create(Map<String, Object> config, KafkaEventSettings settings) {
    return new KafkaEventChannel(
        new KafkaProducer<>(ProducerSettings.merge(config)), settings, true);
  }

  /** This publisher as an outbox channel named {@value #DEFAULT_CHANNEL}, with {@link #DEFAULT_RETRY}. */
  public Channel channel() {
    return new Channel(DEFAULT_CHANNEL, this, DEFAULT_RETRY);
  }

  /** Where this channel publishes. */
  public KafkaEventSettings settings() {
    return settings;
  }

  @Override
  public void deliver(Delivery delivery) throws Exception {
    TicketEvent event = TicketEvent.of(delivery.notification());
    String ticket = event.ticketId();
    String earlier = order.heldBy(ticket, event.id());
    if (earlier != null) {
      order.failed(ticket, event.id());
      throw new HeldBackException(
          "event " + event.id() + " waits for event " + earlier + " of ticket " + ticket);
    }
    try {
      publish(event);
    } catch (Exception | Error e) {
      order.failed(ticket, event.id());
      throw e;
    }
    order.published(ticket, event.id());
  }

  private void publish(TicketEvent event) throws Exception {
    Future<RecordMetadata> staff = send(settings.staffTopic(), event);
    Future<RecordMetadata> visible = send(settings.publicTopic(), event.withoutStaffContent());
    long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
    for (Future<RecordMetadata> f : List.of(staff, visible)) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new PublishException("Kafka refused event " + event.id() + ": " + cause, cause);
      } catch (TimeoutException e) {
        throw new PublishException(
            "Kafka did not acknowledge event "
                + event.id()
                + " within "
                + settings.sendTimeout()
                + "; it is retried",
            e);
      }
    }
    log.debug("Published ticket event {} of ticket {}", event.id(), event.ticketId());
  }

  private Future<RecordMetadata> send(String topic, TicketEvent event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic, null, event.ticketId(), CloudEventJson.encode(event, settings.source()));
    record
        .headers()
        .add(
            new RecordHeader(
                "content-type", CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    return producer.send(record);
  }

  /** Closes the producer when this channel made it; a host's producer stays open. */
  @Override
  public void close() {
    if (ownsProducer) {
      producer.close(Duration.ofSeconds(10));
    }
  }

  /**
   * A publish the broker did not acknowledge; the outbox retries it.
   *
   * @since 0.2.0
   */
  public static final class PublishException extends Exception {
    private static final long serialVersionUID = 1L;

    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * An event held back because an earlier event of its ticket is not published yet; the outbox
   * retries it.
   *
   * @since 0.2.0
   */
  public static final class HeldBackException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldBackException(String message) {
      super(message);
    }
  }
}
