package dev.ticketing.spi;

import java.util.Objects;

/**
 * One notification handed to one channel: what a {@link Notifier} receives from the outbox
 * dispatcher.
 *
 * @param id the delivery id: stable across retries and unique per (notification, channel), the
 *     key a receiver drops repeats by (mail {@code Message-ID}, webhook {@code Ticketing-Delivery})
 * @param channel the channel's name
 * @param attempt this attempt's number, 1 for the first
 * @param notification what to deliver, to whom
 * @since 0.2.0
 */
public record Delivery(String id, String channel, int attempt, Notification notification) {

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(notification, "notification");
  }
}
