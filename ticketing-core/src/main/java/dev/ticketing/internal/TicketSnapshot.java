package dev.ticketing.internal;

import dev.ticketing.spi.Activity;
import dev.ticketing.spi.TicketRecord;

/**
 * A written ticket with its activity, read in the write's own unit of work: what the caller sees of
 * its write is then made after commit from the directory alone, which cannot fail it.
 */
record TicketSnapshot(TicketRecord ticket, Activity activity) {

  String ticketId() {
    return ticket.id();
  }
}
