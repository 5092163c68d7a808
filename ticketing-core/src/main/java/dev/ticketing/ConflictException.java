package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * The ticket changed between reading and writing it (optimistic locking), or the store detected a
 * conflicting concurrent write (a unique key taken at the same moment, a serialisation failure).
 * Nothing was written; repeating the call reads the new state and may succeed.
 *
 * @since 0.1.0
 */
public final class ConflictException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String ticketId;

  public ConflictException(String ticketId) {
    this(ticketId, null);
  }

  public ConflictException(String ticketId, @Nullable Throwable cause) {
    super(ErrorCode.CONFLICT, "ticket " + ticketId + " was modified concurrently; retry", cause);
    this.ticketId = ticketId;
  }

  private ConflictException(String message, Throwable cause, boolean unusedMarker) {
    super(ErrorCode.CONFLICT, message, cause);
    this.ticketId = null;
  }

  /** A conflict a store detected without knowing which ticket it concerned. */
  public static ConflictException conflict(String message, Throwable cause) {
    return new ConflictException(message, cause, true);
  }

  /** The ticket concerned, when known. */
  public @Nullable String ticketId() {
    return ticketId;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
