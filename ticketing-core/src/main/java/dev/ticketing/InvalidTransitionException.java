package dev.ticketing;

/**
 * A status change the state machine does not allow.
 *
 * @since 0.1.0
 */
public final class InvalidTransitionException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final Status from;
  private final Status to;

  public InvalidTransitionException(Status from, Status to) {
    this(from, to, "cannot move a ticket from " + from + " to " + to);
  }

  public InvalidTransitionException(Status from, Status to, String message) {
    super(ErrorCode.INVALID_TRANSITION, message);
    this.from = from;
    this.to = to;
  }

  public Status from() {
    return from;
  }

  public Status to() {
    return to;
  }
}
