package dev.ticketing;

/**
 * An attachment was refused at confirmation: the object is missing or differs from what was issued.
 *
 * @since 0.1.0
 */
public final class AttachmentException extends TicketingException {
  private static final long serialVersionUID = 1L;

  public AttachmentException(String message) {
    super(ErrorCode.ATTACHMENT_REJECTED, message);
  }
}
