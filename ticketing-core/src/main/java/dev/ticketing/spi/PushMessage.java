package dev.ticketing.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A push or in-app notification for one user, rendered from a notification's templates.
 *
 * @param recipientId the host user to notify
 * @param title one line (the template's push title, the Comdeall support module's {@code subject}:
 *     "Support Ticket Resolved")
 * @param body short plain text (the Comdeall support module's {@code description}: "Your support
 *     ticket has been resolved by ...")
 * @param data for deep links and de-duplication: {@code deliveryId} (stable across retries, unique
 *     per notification and channel), {@code notificationId}, {@code template}, {@code ticketId}
 *     and, where there is one, {@code commentId}; never comment text
 * @since 0.1.0
 */
public record PushMessage(String recipientId, String title, String body, Map<String, String> data) {

  public PushMessage {
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    data = Map.copyOf(data);
  }

  /** The notification id, the same on every channel. */
  public String notificationId() {
    return data.getOrDefault("notificationId", "");
  }

  /**
   * The delivery id: the idempotency key for the host's push service, stable across retries.
   *
   * @since 0.2.0
   */
  public String deliveryId() {
    return data.getOrDefault("deliveryId", notificationId());
  }
}
