package dev.ticketing;

/**
 * The ticket's current status (or deletion state) does not allow the operation.
 *
 * @since 0.1.0
 */
public final class InvalidStateException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final Status status;

  public InvalidStateException(Status status, String message) {
    super(ErrorCode.INVALID_STATE, message);
    this.status = status;
  }

  /** The ticket's status when the operation was refused. */
  public Status status() {
    return status;
  }
}
