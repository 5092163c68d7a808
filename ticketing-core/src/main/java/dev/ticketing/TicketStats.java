package dev.ticketing;

/**
 * The GraphQL ticket module's {@code ticketStats}. The status counts sum to {@link #total()};
 * {@link #urgent()}, {@link #high()} and {@link #unassigned()} count active tickets only (OPEN,
 * IN_PROGRESS, WAITING_FOR_CUSTOMER, REOPENED). Soft-deleted tickets are not counted.
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
