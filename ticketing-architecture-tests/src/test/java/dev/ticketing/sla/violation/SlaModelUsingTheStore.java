package dev.ticketing.sla.violation;

import dev.ticketing.spi.SlaStore;

/** Deliberately breaks the rules: the SLA model reading clocks from a store. */
public final class SlaModelUsingTheStore {
  public int clocks(SlaStore store, String ticketId) {
    return store.clocks(java.util.List.of(ticketId)).size();
  }
}
