package dev.ticketing.notification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids the dispatcher derives, so that they are the same however often (and by whichever
 * dispatcher) a request is resolved: name-based UUIDs of their parts.
 *
 * @since 0.2.0
 */
public final class DeliveryIds {
  private DeliveryIds() {}

  /** The id of the notification a request makes for one recipient. */
  public static String notificationId(String requestId, String recipientId) {
    return uuid("ticketing-notification\n" + requestId + "\n" + recipientId);
  }

  /** The delivery id of a notification on a channel: unique per (notification, channel), stable across retries. */
  public static String deliveryId(String notificationId, String channel) {
    return uuid("ticketing-delivery\n" + notificationId + "\n" + channel);
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
