package dev.ticketing.support;

import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import java.util.ArrayList;
import java.util.List;

/** Keeps every delivered notification, for assertions. */
public final class RecordingNotifier implements Notifier {
  private final List<Notification> delivered = new ArrayList<>();

  @Override
  public synchronized void deliver(Notification notification) {
    delivered.add(notification);
  }

  public synchronized List<Notification> delivered() {
    return List.copyOf(delivered);
  }

  /** Delivered notifications, and forgets them. */
  public synchronized List<Notification> take() {
    List<Notification> out = List.copyOf(delivered);
    delivered.clear();
    return out;
  }
}
