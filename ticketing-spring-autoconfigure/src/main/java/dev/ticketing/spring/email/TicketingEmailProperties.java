package dev.ticketing.spring.email;

import dev.ticketing.email.MailLimits;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code ticketing.email.*} properties: the e-mail channel, on when {@code address} is set.
 *
 * @param address the support address, for example support@example.com; replies come back to its
 *     plus addresses (support+ticket.signature@example.com), so the mail provider must deliver plus
 *     addresses to it
 * @param from the sender of outbound mail with its display name, for example "Support
 *     &lt;support@example.com&gt;"; the support address when not set
 * @param tokenKey the secret that signs reply addresses, at least 32 characters, the same on every
 *     instance and kept across restarts
 * @param locale the language outbound mails are written in
 * @param unknownSenders what to do with mail from an address the directory does not know
 * @param maxMessageSize the largest inbound message
 * @param maxAttachments the most attachments in one inbound message
 * @param maxAttachmentSize the largest attachment in an inbound message
 * @param maxDepth the deepest nesting of multipart parts
 * @param maxParts the most MIME parts in one message
 * @param claimLease how long an instance holds a message it is processing
 * @param imap polling an IMAP box
 * @since 0.2.0
 */
@ConfigurationProperties("ticketing.email")
public record TicketingEmailProperties(
    @Nullable String address,
    @Nullable String from,
    @Nullable String tokenKey,
    @DefaultValue("en") Locale locale,
    @DefaultValue("REFUSE") UnknownSenderPolicy unknownSenders,
    @DefaultValue("25MB") DataSize maxMessageSize,
    @DefaultValue("20") int maxAttachments,
    @DefaultValue("10MB") DataSize maxAttachmentSize,
    @DefaultValue("8") int maxDepth,
    @DefaultValue("100") int maxParts,
    @DefaultValue("5m") Duration claimLease,
    @DefaultValue Imap imap) {

  /** What to do with mail from an unknown address. */
  public enum UnknownSenderPolicy {
    /** Refuse it, with a log line; never a bounce. */
    REFUSE,
    /** Ask the host's UnknownSenders bean to make the sender a customer. */
    CREATE
  }

  /**
   * An IMAP box to poll.
   *
   * @param enabled whether to poll
   * @param protocol imap or imaps
   * @param host the server
   * @param port the port
   * @param username the login
   * @param password the password
   * @param folder the folder to read
   * @param interval the pause between rounds when the server has no IDLE
   * @param idle whether to wait with IDLE where the server supports it
   */
  public record Imap(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("imaps") String protocol,
      @Nullable String host,
      @DefaultValue("993") int port,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("1m") Duration interval,
      @DefaultValue("true") boolean idle) {}

  /** The limits these properties set. */
  public MailLimits limits() {
    return new MailLimits(
        maxMessageSize.toBytes(),
        maxAttachments,
        maxAttachmentSize.toBytes(),
        maxDepth,
        maxParts,
        MailLimits.DEFAULT_MAX_TEXT_CHARS,
        claimLease);
  }
}
