package dev.ticketing;

/**
 * The host's directory could not be asked something a write needs before it writes anything (for
 * example whether the assignee is staff). Nothing was written; retrying later may succeed.
 *
 * <p>Reads and notifications never fail this way: views show users the directory could not
 * describe as unknown, and notifications wait until the directory answers.
 *
 * @since 0.2.0
 */
public final class DirectoryUnavailableException extends TicketingException {
  private static final long serialVersionUID = 1L;

  public DirectoryUnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
