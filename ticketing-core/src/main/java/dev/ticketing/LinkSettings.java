package dev.ticketing;

import dev.ticketing.workflow.TransitionTable;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits of links and merges.
 *
 * @param unmergeWindow how long after a merge {@link TicketLinks#unmerge} restores the source
 *     (default {@link #DEFAULT_UNMERGE_WINDOW}, 7 days); positive
 * @param maxLinksPerTicket the most links one ticket keeps, counting both ends (default {@link
 *     #DEFAULT_MAX_LINKS_PER_TICKET}); positive
 * @param mergeTransitions the statuses a source may be merged from: a merge closes the source, so
 *     a source status must be allowed to move to {@link Status#CLOSED} in this table (default
 *     {@link #DEFAULT_MERGE_TRANSITIONS}: every active status and {@link Status#RESOLVED}, not
 *     {@link Status#CLOSED} or {@link Status#CANCELLED})
 * @since 0.2.0
 */
public record LinkSettings(
    Duration unmergeWindow, int maxLinksPerTicket, TransitionTable mergeTransitions) {

  /** Seven days. */
  public static final Duration DEFAULT_UNMERGE_WINDOW = Duration.ofDays(7);

  /** 200 links. */
  public static final int DEFAULT_MAX_LINKS_PER_TICKET = 200;

  /** A merge closes a source that is open, in progress, waiting, reopened or resolved. */
  public static final TransitionTable DEFAULT_MERGE_TRANSITIONS =
      TransitionTable.builder()
          .allow(Status.OPEN, Status.CLOSED)
          .allow(Status.IN_PROGRESS, Status.CLOSED)
          .allow(Status.WAITING_FOR_CUSTOMER, Status.CLOSED)
          .allow(Status.REOPENED, Status.CLOSED)
          .allow(Status.RESOLVED, Status.CLOSED)
          .build();

  private static final LinkSettings DEFAULTS =
      new LinkSettings(
          DEFAULT_UNMERGE_WINDOW, DEFAULT_MAX_LINKS_PER_TICKET, DEFAULT_MERGE_TRANSITIONS);

  public LinkSettings {
    Objects.requireNonNull(unmergeWindow, "unmergeWindow");
    Objects.requireNonNull(mergeTransitions, "mergeTransitions");
    if (unmergeWindow.isNegative() || unmergeWindow.isZero()) {
      throw new IllegalArgumentException("unmergeWindow must be positive: " + unmergeWindow);
    }
    if (maxLinksPerTicket < 1) {
      throw new IllegalArgumentException(
          "maxLinksPerTicket must be positive: " + maxLinksPerTicket);
    }
  }

  /** The defaults. */
  public static LinkSettings defaults() {
    return DEFAULTS;
  }

  /** These settings with another unmerge window. */
  public LinkSettings withUnmergeWindow(Duration window) {
    return new LinkSettings(window, maxLinksPerTicket, mergeTransitions);
  }

  /** These settings with another limit of links per ticket. */
  public LinkSettings withMaxLinksPerTicket(int max) {
    return new LinkSettings(unmergeWindow, max, mergeTransitions);
  }

  /** These settings with another table of the statuses a source may be merged from. */
  public LinkSettings withMergeTransitions(TransitionTable table) {
    return new LinkSettings(unmergeWindow, maxLinksPerTicket, table);
  }
}
