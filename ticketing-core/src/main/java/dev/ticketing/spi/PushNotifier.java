package dev.ticketing.spi;

/**
 * Delivers push and in-app notifications to a user's devices: the host's part (Firebase, APNs, a
 * web socket, its own notification table...). Plug it in with {@code
 * dev.ticketing.notification.PushChannel}, which renders each notification's push title and text
 * from the templates and calls {@link #push} once per notification.
 *
 * <p>Called on the outbox dispatcher's thread, after the change committed, at least once per
 * notification: drop repeats by {@link PushMessage#deliveryId()}. Throwing means "not
 * delivered, try again later"; returning means delivered (a user without devices is delivered).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PushNotifier {

  /** Sends one message, or throws to have it retried. */
  void push(PushMessage message) throws Exception;
}
