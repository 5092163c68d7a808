package dev.ticketing.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A row of the outbox: either a request whose recipients are still to be resolved (channel {@value
 * OutboxStore#RECIPIENTS}), or one notification's delivery through one channel. Each row retries,
 * backs off and dead-letters on its own.
 *
 * @param id the row's id: the request's id for a request row; for a delivery, the delivery id,
 *     unique and stable per (notification, channel)
 * @param channel the channel that delivers it, or {@value OutboxStore#RECIPIENTS} for a request
 * @param request what the change asked; for a delivery, its {@link NotificationRequest#id()} is
 *     the notification's id and its recipients are not kept
 * @param recipientId the user a delivery goes to; null for a request whose recipients are still to
 *     be resolved (a request row from before per-channel delivery carries its one recipient here)
 * @param state where the row stands
 * @param attempts attempts made so far, the successful one included
 * @param nextAttemptAt when it is due (again)
 * @param lastError the last failure, or null
 * @since 0.1.0
 */
public record OutboxEntry(
    String id,
    String channel,
    NotificationRequest request,
    @Nullable String recipientId,
    OutboxState state,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError) {

  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (recipientId == null && !channel.equals(OutboxStore.RECIPIENTS)) {
      throw new IllegalArgumentException("a delivery needs its recipient");
    }
  }

  /** A new, pending request row, due when the change happened. */
  public static OutboxEntry of(NotificationRequest request) {
    return new OutboxEntry(
        request.id(),
        OutboxStore.RECIPIENTS,
        request,
        null,
        OutboxState.PENDING,
        0,
        request.occurredAt(),
        null);
  }

  /** A new, pending delivery of one notification through one channel, due at {@code due}. */
  public static OutboxEntry delivery(
      String id, String channel, Notification notification, Instant due) {
    NotificationRequest request =
        new NotificationRequest(
            notification.id(),
            notification.template(),
            List.of(),
            notification.ticketId(),
            notification.commentId(),
            notification.actorId(),
            notification.occurredAt(),
            notification.data());
    return new OutboxEntry(
        id, channel, request, notification.recipientId(), OutboxState.PENDING, 0, due, null);
  }

  /** Whether this row resolves recipients rather than delivering. */
  public boolean resolvesRecipients() {
    return channel.equals(OutboxStore.RECIPIENTS);
  }

  /**
   * The notification this row stands for: a delivery's, or the one of a request row that already
   * knows its recipient.
   *
   * @throws IllegalStateException for a request whose recipients are still to be resolved
   */
  public Notification notification() {
    if (recipientId == null) {
      throw new IllegalStateException("request " + id + " has no single recipient yet");
    }
    return request.toNotification(request.id(), recipientId);
  }
}
