package dev.ticketing.spi;

import dev.ticketing.NotificationTemplate;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message to one recipient, decided by the routing rules and delivered through a {@link
 * Notifier} after the change commits.
 *
 * @param id unique and stable across retries: the idempotency key receivers use to drop duplicates
 * @param template what kind of notification it is (the Comdeall support module's names: {@code
 *     support-ticket-resolved}, {@code note-added}, ...)
 * @param recipientId the host user to notify
 * @param ticketId the ticket concerned
 * @param commentId the comment concerned, or null
 * @param actorId who caused it
 * @param occurredAt when the change happened
 * @param data template variables (ticket title, status, comment text where the recipient may read
 *     it); values are plain text, channels escape them
 * @since 0.1.0
 */
public record Notification(
    String id,
    NotificationTemplate template,
    String recipientId,
    String ticketId,
    @Nullable String commentId,
    String actorId,
    Instant occurredAt,
    Map<String, String> data) {

  public Notification {
    data = Map.copyOf(data);
  }
}
