package dev.ticketing.spi;

import dev.ticketing.NotificationTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a change asks to be told, written to the outbox in the change's unit of work: the template,
 * the ticket, and who must be told as {@link Recipient}s (roles and ids), not yet as user ids. The
 * outbox dispatcher expands the recipients when it delivers and makes one {@link Notification} per
 * user, delivered once through every channel.
 *
 * @param id unique; the notifications made from this request have ids derived from it and the
 *     recipient, so they are the same however often the request is expanded
 * @param template what kind of notification it asks for ({@code support-ticket-resolved}, {@code note-added}, ...)
 * @param recipients who must be told; the actor is never told of their own action
 * @param ticketId the ticket concerned
 * @param commentId the comment concerned, or null
 * @param actorId who caused it
 * @param occurredAt when the change happened
 * @param data template variables; values are plain text, channels escape them
 * @since 0.2.0
 */
public record NotificationRequest(
    String id,
    NotificationTemplate template,
    List<Recipient> recipients,
    String ticketId,
    @Nullable String commentId,
    String actorId,
    Instant occurredAt,
    Map<String, String> data) {

  public NotificationRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    recipients = List.copyOf(recipients);
    data = Map.copyOf(data);
  }

  /** The notification of one user made from this request, under the given notification id. */
  public Notification toNotification(String notificationId, String recipientId) {
    return new Notification(
        notificationId, template, recipientId, ticketId, commentId, actorId, occurredAt, data);
  }
}
