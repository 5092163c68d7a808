package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * The ticket changed between reading and writing it (optimistic locking). Nothing was written;
 * repeating the call reads the new state and may succeed.
 */
public final class ConcurrentModificationException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final String ticketId;

  public ConcurrentModificationException(String ticketId) {
    this(ticketId, null);
  }

  public ConcurrentModificationException(String ticketId, @Nullable Throwable cause) {
    super(ErrorCode.CONFLICT, "ticket " + ticketId + " was modified concurrently; retry", cause);
    this.ticketId = ticketId;
  }

  public String ticketId() {
    return ticketId;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
