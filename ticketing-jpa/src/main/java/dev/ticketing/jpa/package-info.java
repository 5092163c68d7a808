/**
 * A {@link dev.ticketing.spi.TicketStore} on Jakarta Persistence: {@link dev.ticketing.jpa.JpaTicketStore},
 * its durable outbox, and the schema migrations ({@link dev.ticketing.jpa.TicketingSchema}).
 */
@NullMarked
package dev.ticketing.jpa;

import org.jspecify.annotations.NullMarked;
