/** The public API: {@link dev.ticketing.TicketService}, its commands and views, filters, pages, statistics and the exception hierarchy. */
@NullMarked
package dev.ticketing;

import org.jspecify.annotations.NullMarked;
