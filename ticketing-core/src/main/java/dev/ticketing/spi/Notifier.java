package dev.ticketing.spi;

/**
 * Delivers notifications (email, push, webhook...). Called by the dispatcher after commit, on the
 * dispatcher's thread, at least once per notification: use {@link Notification#id()} to drop
 * duplicates. Throwing means "not delivered, try again later".
 */
@FunctionalInterface
public interface Notifier {

  /** Delivers one notification, or throws to have it retried. */
  void deliver(Notification notification) throws Exception;

  /** A notifier that drops everything (the default when the host configures none). */
  static Notifier discarding() {
    return notification -> {};
  }
}
