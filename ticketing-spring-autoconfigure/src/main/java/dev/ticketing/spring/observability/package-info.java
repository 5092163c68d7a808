/**
 * What operators see: an observation per service call (timers and traces), gauges of the
 * outbox, the {@code ticketing} health indicator and the {@code ticketing-outbox} actuator endpoint.
 */
@NullMarked
package dev.ticketing.spring.observability;

import org.jspecify.annotations.NullMarked;
