package dev.ticketing.notification;

import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second stage of delivery: hands one delivery row to its channel's notifier and records the
 * outcome, delivered or failed (then retried at the channel's back-off, or dead). Whatever the
 * notifier throws stays a failed attempt of this row: it never reaches the dispatching thread.
 */
final class DeliveryAttempt {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final Map<String, Channel> channels;
  private final FailedAttempts failures;
  private final String owner;
  private final Clock clock;

  DeliveryAttempt(
      OutboxStore outbox,
      Map<String, Channel> channels,
      FailedAttempts failures,
      String owner,
      Clock clock) {
    this.outbox = outbox;
    this.channels = Map.copyOf(channels);
    this.failures = failures;
    this.owner = owner;
    this.clock = clock;
  }

  void deliver(OutboxEntry entry) {
    Channel channel = channels.get(entry.channel());
    if (channel == null) {
      // Only claimed when served; a subclass of the store returning others is a bug worth seeing.
      throw new IllegalStateException(
          "claimed a row of channel " + entry.channel() + ", which this dispatcher does not serve");
    }
    int attempt = entry.attempts() + 1;
    try {
      channel
          .notifier()
          .deliver(new Delivery(entry.id(), channel.name(), attempt, entry.notification()));
    } catch (VirtualMachineError e) {
      throw e; // the JVM is in trouble; the row's lease runs out and any dispatcher retries it
    } catch (Exception | Error e) {
      // Any other Error (an AssertionError in the host's mail code...) is a failed attempt too:
      // thrown out of here it would end the background thread and strand the outbox.
      failures.record(entry, attempt, channel.retry(), e);
      return;
    }
    if (!outbox.markDelivered(entry.id(), owner, clock.instant())) {
      // Delivered, but the lease had passed to another dispatcher, which may deliver it again:
      // at-least-once, and the receiver drops the duplicate by the delivery id.
      log.warn(
          "Delivered {} on channel {} after losing its lease; it may be delivered twice",
          entry.id(),
          channel.name());
    }
  }
}
