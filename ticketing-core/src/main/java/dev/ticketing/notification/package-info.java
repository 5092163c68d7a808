/**
 * Reliable delivery of notifications and the channels that deliver them: the outbox dispatcher
 * with retries, back-off and dead letters; the message templates (subject, text, HTML, push);
 * the signed webhook channel and its verification helper; the push channel over the host's {@link
 * dev.ticketing.spi.PushNotifier}.
 */
@NullMarked
package dev.ticketing.notification;

import org.jspecify.annotations.NullMarked;
