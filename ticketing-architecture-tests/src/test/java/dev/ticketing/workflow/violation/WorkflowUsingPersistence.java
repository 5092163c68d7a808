package dev.ticketing.workflow.violation;

import dev.ticketing.spi.TicketStore;
import jakarta.persistence.EntityManager;

/** Deliberately breaks the rules: the state machine touching a framework and the SPI. */
public final class WorkflowUsingPersistence {
  public boolean open(EntityManager entityManager, TicketStore store) {
    return entityManager.isOpen() && store != null;
  }
}
