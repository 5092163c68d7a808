package dev.ticketing.sla;

/**
 * Where a clock stands. Whether it is breached is a separate fact: a clock breaches when its
 * counted time reaches its target, whatever it does afterwards.
 *
 * @since 0.1.0
 */
public enum ClockState {
  /** Counting. */
  ACTIVE,
  /** Not counting: the ticket waits in a pausing status. */
  PAUSED,
  /** Met: the reply came or the ticket was resolved (in time or late). */
  FULFILLED,
  /** Ended without being met: the ticket was cancelled, or its policy no longer sets the target. */
  STOPPED;

  /** Whether the clock can still be met (it is active or paused). */
  public boolean isOpen() {
    return this == ACTIVE || this == PAUSED;
  }
}
