package dev.ticketing.notification;

import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.PushMessage;
import dev.ticketing.spi.PushNotifier;
import dev.ticketing.spi.UserInfo;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The push channel: a {@link Notifier} that renders each notification's push title and text with
 * {@link MessageTemplates} and hands a {@link PushMessage} to the host's {@link PushNotifier}.
 * Recipient and actor names come from one {@link Directory#users} call per notification; a
 * directory that fails makes the delivery fail and retry.
 *
 * <pre>{@code
 * Notifier push = new PushChannel(myPushService, MessageTemplates.defaults(), directory, Locale.ENGLISH);
 * Ticketing.builder().directory(directory).channel("push", push)...
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PushChannel implements Notifier {

  private final PushNotifier push;
  private final MessageTemplates templates;
  private final Directory directory;
  private final Function<@Nullable UserInfo, Locale> locales;

  /** Renders every message in {@code locale}. */
  public PushChannel(
      PushNotifier push, MessageTemplates templates, Directory directory, Locale locale) {
    this(push, templates, directory, user -> locale);
    Objects.requireNonNull(locale, "locale");
  }

  /**
   * Renders each message in the locale {@code locales} picks for the recipient (null when the
   * directory does not know the recipient).
   */
  public PushChannel(
      PushNotifier push,
      MessageTemplates templates,
      Directory directory,
      Function<@Nullable UserInfo, Locale> locales) {
    this.push = Objects.requireNonNull(push, "push");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.locales = Objects.requireNonNull(locales, "locales");
  }

  /** Delivers outside the outbox: the notification id is the delivery id. */
  @Override
  public void deliver(Notification notification) throws Exception {
    deliver(new Delivery(notification.id(), "push", 1, notification));
  }

  @Override
  public void deliver(Delivery delivery) throws Exception {
    Notification notification = delivery.notification();
    Set<String> ids =
        new LinkedHashSet<>(List.of(notification.recipientId(), notification.actorId()));
    Map<String, UserInfo> users = directory.users(ids);
    UserInfo recipient = users.get(notification.recipientId());
    MessageTemplates.Message message =
        templates.render(notification, locales.apply(recipient), users);
    Map<String, String> data = new HashMap<>();
    data.put("notificationId", notification.id());
    data.put("deliveryId", delivery.id());
    data.put("template", notification.template().name());
    data.put("ticketId", notification.ticketId());
    if (notification.commentId() != null) {
      data.put("commentId", notification.commentId());
    }
    push.push(
        new PushMessage(notification.recipientId(), message.pushTitle(), message.push(), data));
  }
}
