package dev.ticketing.spring.autoconfigure;

import dev.ticketing.spi.Notification;
import java.util.Objects;

/**
 * Published for every notification the outbox delivers through the {@code events} channel, after
 * the change committed, on the dispatcher's thread: hosts listen with {@code @EventListener}
 * instead of implementing a {@code Notifier}. Delivery is at least once: a listener that throws
 * makes the event's delivery retry (on this channel only), and {@link #deliveryId()} identifies
 * duplicates.
 *
 * @param notification what happened, to whom
 * @param deliveryId stable across retries, unique per notification on this channel
 * @since 0.1.0
 */
public record TicketingNotificationEvent(Notification notification, String deliveryId) {

  public TicketingNotificationEvent {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(deliveryId, "deliveryId");
  }

  /** An event outside the outbox: the notification id is the delivery id. */
  public TicketingNotificationEvent(Notification notification) {
    this(notification, notification.id());
  }
}
