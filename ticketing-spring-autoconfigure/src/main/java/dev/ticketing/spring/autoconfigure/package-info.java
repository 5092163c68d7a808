/**
 * The ticketing engine in a Spring Boot host: {@link dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration},
 * the {@code ticketing.*} properties, the hooks hosts implement ({@link
 * dev.ticketing.spring.autoconfigure.TicketingCustomizer}, {@link
 * dev.ticketing.spring.autoconfigure.TicketingClock}) and the lifecycle of the background dispatcher and
 * sweeper. The other concerns live in sibling packages: {@code jpa}, {@code s3}, {@code mail},
 * {@code webhook}, {@code security}, {@code policy} and {@code observability}.
 */
@NullMarked
package dev.ticketing.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
