package dev.ticketing.spring;

import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers to every notifier bean of the host and, when enabled, publishes a {@link
 * TicketingNotificationEvent}. All are tried; if any failed the delivery fails and is retried for
 * all of them, so a receiver sees a notification at least once and drops repeats by its id.
 */
final class NotifierChain implements Notifier {
  private final List<Notifier> notifiers;

  NotifierChain(List<Notifier> notifiers) {
    this.notifiers = List.copyOf(notifiers);
  }

  @Override
  public void deliver(Notification notification) throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (Notifier n : notifiers) {
      try {
        n.deliver(notification);
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      Exception first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
