package dev.ticketing.spring;

import dev.ticketing.spi.Notification;

/**
 * Published for every notification the outbox delivers, after the change committed, on the
 * dispatcher's thread: hosts listen with {@code @EventListener} instead of implementing a {@code
 * Notifier}. Delivery is at least once: a listener that throws makes the notification retry, and
 * {@code notification().id()} identifies duplicates.
 */
public record TicketingNotificationEvent(Notification notification) {}
