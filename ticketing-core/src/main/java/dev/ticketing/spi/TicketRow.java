package dev.ticketing.spi;

/** A ticket with its activity, as a listing returns it. */
public record TicketRow(TicketRecord ticket, Activity activity) {}
