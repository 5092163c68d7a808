package dev.ticketing.email;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits an inbound message must keep, each with its default. A message over any of them is
 * refused as a whole (logged, nothing written), so an attachment bomb or a deeply nested message
 * never leaves half a ticket behind. Attachments are further held to the engine's own size and
 * type rules ({@code TicketingOptions.maxFileSize} and {@code allowedContentTypes}): a file of a
 * type the engine does not take is left out and named in the text instead.
 *
 * @param maxMessageBytes the largest raw message taken (default 26,214,400: 25 MiB, what the big
 *     providers accept)
 * @param maxAttachments the most attachments and inline images in one message (default 20)
 * @param maxAttachmentBytes the largest single attachment after decoding (default 10,485,760: 10
 *     MiB); the engine's maximum file size applies too
 * @param maxDepth the deepest nesting of multipart parts (default 8)
 * @param maxParts the most MIME parts in one message (default 100)
 * @param maxTextChars the longest text kept as the ticket's description or the reply; longer text
 *     is cut there with a note (default 10,000, what the engine takes)
 * @param claimLease how long a poller or endpoint holds a message it is processing before another
 *     may take it over (default 5 minutes)
 * @since 0.2.0
 */
public record MailLimits(
    long maxMessageBytes,
    int maxAttachments,
    long maxAttachmentBytes,
    int maxDepth,
    int maxParts,
    int maxTextChars,
    Duration claimLease) {

  /** The default largest message: 25 MiB. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 26_214_400L;

  /** The default most attachments. */
  public static final int DEFAULT_MAX_ATTACHMENTS = 20;

  /** The default largest attachment: 10 MiB. */
  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10_485_760L;

  /** The default deepest nesting. */
  public static final int DEFAULT_MAX_DEPTH = 8;

  /** The default most parts. */
  public static final int DEFAULT_MAX_PARTS = 100;

  /** The default longest text. */
  public static final int DEFAULT_MAX_TEXT_CHARS = 10_000;

  /** The default claim lease. */
  public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);

  public MailLimits {
    Objects.requireNonNull(claimLease, "claimLease");
    if (maxMessageBytes < 1
        || maxAttachments < 0
        || maxAttachmentBytes < 1
        || maxDepth < 1
        || maxParts < 1) {
      throw new IllegalArgumentException("mail limits must be positive (attachments may be 0)");
    }
    if (maxTextChars < 100 || maxTextChars > 10_000) {
      throw new IllegalArgumentException("maxTextChars must be between 100 and 10000");
    }
    if (claimLease.isNegative() || claimLease.isZero()) {
      throw new IllegalArgumentException("claimLease must be positive");
    }
  }

  /** Every limit at its default. */
  public static MailLimits defaults() {
    return new MailLimits(
        DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_MAX_ATTACHMENTS,
        DEFAULT_MAX_ATTACHMENT_BYTES,
        DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_PARTS,
        DEFAULT_MAX_TEXT_CHARS,
        DEFAULT_CLAIM_LEASE);
  }

  /** These limits with another largest message. */
  public MailLimits withMaxMessageBytes(long v) {
    return new MailLimits(
        v, maxAttachments, maxAttachmentBytes, maxDepth, maxParts, maxTextChars, claimLease);
  }

  /** These limits with another attachment count and size. */
  public MailLimits withAttachments(int count, long bytes) {
    return new MailLimits(
        maxMessageBytes, count, bytes, maxDepth, maxParts, maxTextChars, claimLease);
  }

  /** These limits with another nesting depth and part count. */
  public MailLimits withStructure(int depth, int parts) {
    return new MailLimits(
        maxMessageBytes,
        maxAttachments,
        maxAttachmentBytes,
        depth,
        parts,
        maxTextChars,
        claimLease);
  }

  /** These limits with another claim lease. */
  public MailLimits withClaimLease(Duration v) {
    return new MailLimits(
        maxMessageBytes, maxAttachments, maxAttachmentBytes, maxDepth, maxParts, maxTextChars, v);
  }
}
