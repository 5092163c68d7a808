package dev.ticketing.spi.violation;

import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.TicketStore;

/** Deliberately breaks the rules: the SPI depending on an implementation of itself. */
public interface SpiUsingMemory {
  default TicketStore store() {
    return new InMemoryTicketStore();
  }
}
