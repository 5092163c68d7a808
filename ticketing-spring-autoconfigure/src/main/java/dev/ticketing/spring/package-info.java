/**
 * Spring Boot auto-configuration of the ticketing engine: {@link
 * dev.ticketing.spring.TicketingAutoConfiguration} and its JPA, security, metrics and health
 * companions, the {@code ticketing.*} properties, and the hooks hosts implement ({@link
 * dev.ticketing.spring.TicketingCustomizer}, {@link dev.ticketing.spring.ActorResolver}).
 */
@NullMarked
package dev.ticketing.spring;

import org.jspecify.annotations.NullMarked;
