package dev.ticketing.sla;

import java.time.Instant;
import java.util.Collection;

/**
 * How a ticket stands against its service levels at an instant, decided from its clocks: the
 * agent's inbox filters by it. The first value that fits wins, in the order listed.
 *
 * @since 0.2.0
 */
public enum SlaStanding {
  /**
   * A clock of the ticket breached: its counted time reached its goal, whether the clock still
   * counts, waits, or was met late afterwards.
   */
  BREACHED,
  /**
   * Not breached, and a counting clock's warning is due: its remaining time fell to the policy's
   * warning lead. The moment the SLA scheduler raises the clock's warning.
   */
  AT_RISK,
  /** Not breached nor at risk, and at least one clock counts. */
  ON_TRACK,
  /** Not breached, and every clock that can still be met waits (the ticket is in a pausing status). */
  PAUSED,
  /** No clock can still be met and none breached: no service level applies, or all were met. */
  NONE;

  /**
   * The standing of a ticket whose clocks are {@code clocks}, at {@code now}.
   *
   * @param clocks every clock of the ticket, of any state and cycle
   * @param now the instant judged
   * @return its standing
   */
  public static SlaStanding of(Collection<SlaClock> clocks, Instant now) {
    SlaStanding standing = NONE;
    for (SlaClock c : clocks) {
      SlaStanding one = of(c, now);
      if (one.compareTo(standing) < 0) {
        standing = one;
      }
    }
    return standing;
  }

  /**
   * How one clock stands at {@code now}: what a ticket with this clock alone would stand at. A
   * target's view carries it, so a client shows what the inbox filters by.
   *
   * @param c the clock
   * @param now the instant judged
   * @return its standing
   */
  public static SlaStanding of(SlaClock c, Instant now) {
    if (c.breached(now)) {
      return BREACHED;
    }
    return switch (c.state()) {
      case ACTIVE -> c.warned(now) ? AT_RISK : ON_TRACK;
      case PAUSED -> PAUSED;
      case FULFILLED, STOPPED -> NONE;
    };
  }
}
