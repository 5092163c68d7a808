package dev.ticketing.spring.diagnostics;

/**
 * Tickets are kept in a database but attachments would be kept in memory, where every file is lost
 * on restart while the tickets still list them. Start-up fails instead, unless {@code
 * ticketing.attachments.store=memory} says it is meant.
 *
 * @since 0.1.0
 */
public final class InMemoryAttachmentsException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public InMemoryAttachmentsException(String ticketStore) {
    super(
        "ticketing keeps tickets in a database ("
            + ticketStore
            + ") but has no place for attachments but memory, where they would be lost on restart");
  }
}
