package dev.ticketing.email;

/**
 * An inbound message the channel will not take: too large, too deep, too many parts or
 * attachments, or not a readable message. Nothing of it was written.
 *
 * @since 0.2.0
 */
public final class MailRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a message was refused. */
  public enum Reason {
    /** The raw message is over {@link MailLimits#maxMessageBytes()}. */
    TOO_LARGE,
    /** More attachments than {@link MailLimits#maxAttachments()}. */
    TOO_MANY_ATTACHMENTS,
    /** An attachment over {@link MailLimits#maxAttachmentBytes()}. */
    ATTACHMENT_TOO_LARGE,
    /** Multipart nesting deeper than {@link MailLimits#maxDepth()}. */
    TOO_DEEP,
    /** More parts than {@link MailLimits#maxParts()}. */
    TOO_MANY_PARTS,
    /** Not a readable RFC 5322 message, or no sender. */
    MALFORMED
  }

  private final Reason reason;

  MailRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  MailRefusedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
