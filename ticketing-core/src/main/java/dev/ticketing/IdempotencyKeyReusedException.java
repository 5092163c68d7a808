package dev.ticketing;

/**
 * A write carried an idempotency key its actor had already used, within the key's retention, with
 * another operation or other input. Nothing was written; repeating the call changes nothing. A
 * client retrying a lost response sends the same input with the same key and gets the first
 * result instead; a new request needs a new key.
 *
 * @since 0.2.0
 */
public final class IdempotencyKeyReusedException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final String firstOperation;

  public IdempotencyKeyReusedException(String operation, String firstOperation) {
    super(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        operation.equals(firstOperation)
            ? "the idempotency key was already used for "
                + firstOperation
                + " with other input; use a new key"
            : "the idempotency key was already used for "
                + firstOperation
                + "; use a new key for "
                + operation);
    this.firstOperation = firstOperation;
  }

  /** The operation the key was first used with. */
  public String firstOperation() {
    return firstOperation;
  }
}
