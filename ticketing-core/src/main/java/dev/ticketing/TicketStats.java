package dev.ticketing;

import java.util.Map;

/**
 * The GraphQL ticket module's {@code ticketStats}. The status counts sum to {@link #total()};
 * {@link #urgent()}, {@link #high()} and {@link #unassigned()} count active tickets only ({@link
 * Status#isActive()}: OPEN, IN_PROGRESS, WAITING_FOR_CUSTOMER, REOPENED). Soft-deleted tickets are
 * not counted. Stores assemble it with {@link #of}.
 *
 * @since 0.1.0
 */
public record TicketStats(
    long total,
    long open,
    long inProgress,
    long waitingForCustomer,
    long resolved,
    long closed,
    long cancelled,
    long reopened,
    long urgent,
    long high,
    long unassigned) {

  public static final TicketStats EMPTY = new TicketStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * Statistics from the counts a store takes: the one place they are assembled, so that every
   * store's figures mean the same. The total is the sum of the status counts.
   *
   * @param byStatus tickets per status; a status missing from the map counts zero
   * @param urgent {@link Status#isActive() active} tickets of priority {@link Priority#URGENT}
   * @param high active tickets of priority {@link Priority#HIGH}
   * @param unassigned active tickets with no assignee
   * @since 0.2.0
   */
  public static TicketStats of(
      Map<Status, Long> byStatus, long urgent, long high, long unassigned) {
    long total = 0;
    for (long n : byStatus.values()) {
      total += n;
    }
    return new TicketStats(
        total,
        byStatus.getOrDefault(Status.OPEN, 0L),
        byStatus.getOrDefault(Status.IN_PROGRESS, 0L),
        byStatus.getOrDefault(Status.WAITING_FOR_CUSTOMER, 0L),
        byStatus.getOrDefault(Status.RESOLVED, 0L),
        byStatus.getOrDefault(Status.CLOSED, 0L),
        byStatus.getOrDefault(Status.CANCELLED, 0L),
        byStatus.getOrDefault(Status.REOPENED, 0L),
        urgent,
        high,
        unassigned);
  }

  /** The number of tickets in a status. */
  public long count(Status status) {
    return switch (status) {
      case OPEN -> open;
      case IN_PROGRESS -> inProgress;
      case WAITING_FOR_CUSTOMER -> waitingForCustomer;
      case RESOLVED -> resolved;
      case CLOSED -> closed;
      case CANCELLED -> cancelled;
      case REOPENED -> reopened;
    };
  }
}
