package dev.ticketing.spi;

/**
 * A ticket with its activity, as a listing returns it.
 *
 * @since 0.1.0
 */
public record TicketRow(TicketRecord ticket, Activity activity) {}
