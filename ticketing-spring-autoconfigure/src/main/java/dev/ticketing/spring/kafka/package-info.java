/**
 * Ticket events on Kafka ({@code ticketing.kafka.*}), published with the host's {@code
 * spring.kafka.*} producer settings.
 */
@NullMarked
package dev.ticketing.spring.kafka;

import org.jspecify.annotations.NullMarked;
