package dev.ticketing;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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

  private static final Set<Status> ACTIVE =
      Collections.unmodifiableSet(EnumSet.of(OPEN, IN_PROGRESS, WAITING_FOR_CUSTOMER, REOPENED));

  /**
   * Whether a ticket in this status counts as active work: the one definition, used by statistics
   * on every store.
   */
  public boolean isActive() {
    return ACTIVE.contains(this);
  }

  /**
   * The statuses that are {@link #isActive() active}, for stores that ask their database for them.
   *
   * @since 0.2.0
   */
  public static Set<Status> active() {
    return ACTIVE;
  }
}
