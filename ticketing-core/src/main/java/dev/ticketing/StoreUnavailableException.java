package dev.ticketing;

/**
 * The store could not complete the operation (lost connection, timeout, database down). The unit
 * of work was rolled back: nothing was written. Stores translate their own failures into this.
 *
 * @since 0.1.0
 */
public final class StoreUnavailableException extends TicketingException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
