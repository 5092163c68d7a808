package dev.ticketing;

/**
 * Lifecycle status of a ticket. The Comdeall support module's {@code PENDING} maps to {@link
 * #OPEN}.
 *
 * <p>The allowed moves between statuses are in {@link dev.ticketing.workflow.TransitionTable}.
 *
 * @since 0.1.0
 */
public enum Status {
  OPEN,
  IN_PROGRESS,
  WAITING_FOR_CUSTOMER,
  RESOLVED,
  CLOSED,
  REOPENED,
  CANCELLED;

  /** Statuses in which a ticket counts as active work (used by statistics). */
  public boolean isActive() {
    return this == OPEN || this == IN_PROGRESS || this == WAITING_FOR_CUSTOMER || this == REOPENED;
  }
}
