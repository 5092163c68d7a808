package dev.ticketing;

import dev.ticketing.policy.Operation;

/**
 * The actor may see the ticket (or is known) but the policy does not grant this operation.
 *
 * @since 0.1.0
 */
public final class AccessDeniedException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final Operation operation;

  public AccessDeniedException(Operation operation, String detail) {
    super(ErrorCode.ACCESS_DENIED, "access denied: " + operation + " (" + detail + ")");
    this.operation = operation;
  }

  /** The operation that was refused. */
  public Operation operation() {
    return operation;
  }
}
