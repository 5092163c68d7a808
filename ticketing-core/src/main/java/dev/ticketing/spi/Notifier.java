package dev.ticketing.spi;

/**
 * Delivers notifications: one channel (email, push, webhook, the host's own). Called by the outbox
 * dispatcher after commit, on the dispatcher's thread, at least once per notification; each channel
 * retries, backs off and dead-letters on its own, so a channel that fails never makes another one
 * send again. Throwing means "not delivered, try again later".
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Notifier {

  /**
   * Delivers one notification, or throws to have it retried. Drop repeats by {@link
   * Notification#id()}: it is stable across retries.
   */
  void deliver(Notification notification) throws Exception;

  /**
   * Delivers one notification handed to this channel by the dispatcher. The default delivers {@link
   * Delivery#notification()}; channels whose receivers see several channels override it and pass
   * {@link Delivery#id()}, unique per (notification, channel), as their idempotency key.
   *
   * @since 0.2.0
   */
  default void deliver(Delivery delivery) throws Exception {
    deliver(delivery.notification());
  }

  /** A notifier that drops everything. */
  static Notifier discarding() {
    return notification -> {};
  }
}
