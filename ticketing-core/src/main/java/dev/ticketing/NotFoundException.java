package dev.ticketing;

/**
 * The object does not exist or the actor may not see it. The two cases give the same error so that
 * nobody can probe for the existence of another tenant's tickets.
 *
 * @since 0.1.0
 */
public final class NotFoundException extends TicketingException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  public NotFoundException(String kind, String id) {
    super(ErrorCode.NOT_FOUND, kind + " not found: " + id);
    this.kind = kind;
    this.id = id;
  }

  /** What was looked for: {@code ticket}, {@code comment}, {@code attachment upload}. */
  public String kind() {
    return kind;
  }

  /** The id that was looked for. */
  public String id() {
    return id;
  }
}
