/** Reliable delivery of notifications: the outbox dispatcher with retries, back-off and dead letters. */
@NullMarked
package dev.ticketing.notification;

import org.jspecify.annotations.NullMarked;
