package dev.ticketing.notification;

import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxStore;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named way of delivering notifications (email, push, a webhook, a host's notifier) with its own
 * retry policy. Every notification gets one outbox row per channel, so a channel that is down is
 * retried, dead-lettered and re-driven without any other channel sending again.
 *
 * @param name 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or
 *     digit; not {@value OutboxStore#RECIPIENTS}, the outbox's name for recipient resolution. The
 *     name is stored in the outbox rows: renaming a channel leaves its pending rows to nobody
 * @param notifier what delivers
 * @param retry how its failures are retried
 * @since 0.2.0
 */
public record Channel(String name, Notifier notifier, RetryPolicy retry) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public Channel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(retry, "retry");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "channel name '"
              + name
              + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (name.equals(OutboxStore.RECIPIENTS)) {
      throw new IllegalArgumentException(
          "'" + OutboxStore.RECIPIENTS + "' is the outbox's own stage, not a channel name");
    }
  }

  /** A channel with the {@link RetryPolicy#DEFAULT} back-off. */
  public static Channel of(String name, Notifier notifier) {
    return new Channel(name, notifier, RetryPolicy.DEFAULT);
  }
}
