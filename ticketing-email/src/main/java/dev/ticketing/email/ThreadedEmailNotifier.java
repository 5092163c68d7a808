package dev.ticketing.email;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.MailStore;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.UserInfo;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail channel's outbound side: one mail per notification, rendered with {@link
 * MessageTemplates}, carrying everything a mail client needs to thread it and to bring the answer
 * back to its ticket:
 *
 * <ul>
 *   <li>{@code Message-ID: <delivery id@support domain>}, stable across the outbox's retries, and
 *       remembered in the {@link MailStore} with its ticket before it is sent;
 *   <li>{@code In-Reply-To} and {@code References} naming the ticket's thread root, {@code
 *       <ticket.<ticket id>@support domain>}, so Gmail, Outlook, Apple Mail and Thunderbird show
 *       every mail about a ticket as one conversation;
 *   <li>{@code Reply-To} the ticket's signed address ({@link ReplyTokens}), and the ticket's
 *       reference {@code [#id]} at the end of the subject;
 *   <li>{@code Auto-Submitted: auto-generated}, so auto-responders stay quiet, and {@code
 *       X-Ticketing-Delivery}, so the library knows its own mail if it ever comes back.
 * </ul>
 *
 * <p>An internal note is never mailed to anyone the directory does not report as staff, whatever
 * the routing says. A recipient the directory does not know, or without an address, is skipped
 * (logged). A send failure throws, so the outbox retries with back-off.
 *
 * @since 0.2.0
 */
public final class ThreadedEmailNotifier implements Notifier {

  /** The header carrying the delivery id. */
  public static final String DELIVERY_HEADER = "X-Ticketing-Delivery";

  /** The header carrying the template name, for the host's mail filters. */
  public static final String TEMPLATE_HEADER = "X-Ticketing-Template";

  private static final Logger log = LoggerFactory.getLogger(ThreadedEmailNotifier.class);

  private final MailTransport transport;
  private final Directory directory;
  private final MessageTemplates templates;
  private final InternetAddress from;
  private final ReplyTokens tokens;
  private final MailStore store;
  private final Clock clock;
  private final Function<@Nullable UserInfo, Locale> locales;
  private final Session session = Session.getInstance(new java.util.Properties());

  /**
   * @param transport what sends
   * @param directory recipients' addresses, names and roles
   * @param templates subjects and bodies
   * @param from the sender, usually the support address with a display name
   * @param tokens the signed reply addresses
   * @param store where sent Message-IDs are remembered for the replies
   * @param clock when mails were sent
   * @param locales the language of each recipient's mail
   */
  public ThreadedEmailNotifier(
      MailTransport transport,
      Directory directory,
      MessageTemplates templates,
      InternetAddress from,
      ReplyTokens tokens,
      MailStore store,
      Clock clock,
      Function<@Nullable UserInfo, Locale> locales) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.from = Objects.requireNonNull(from, "from");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.locales = Objects.requireNonNull(locales, "locales");
  }

  /** The Message-ID of a ticket's thread root, without angle brackets. */
  public String threadRoot(String ticketId) {
    return "ticket." + safe(ticketId) + "@" + tokens.domain();
  }

  /** The Message-ID of the mail of a delivery, without angle brackets. */
  public String messageId(String deliveryId) {
    return safe(deliveryId) + "@" + tokens.domain();
  }

  @Override
  public void deliver(Notification notification) throws MessagingException {
    deliver(new Delivery(notification.id(), "email", 1, notification));
  }

  @Override
  public void deliver(Delivery delivery) throws MessagingException {
    Notification n = delivery.notification();
    Map<String, UserInfo> users =
        directory.users(new LinkedHashSet<>(List.of(n.recipientId(), n.actorId())));
    UserInfo recipient = users.get(n.recipientId());
    String address = recipient == null ? null : recipient.email();
    if (recipient == null || address == null || address.isBlank()) {
      log.warn(
          "Notification {} ({}) not emailed: user {} unknown or without an address",
          n.id(),
          n.template(),
          n.recipientId());
      return;
    }
    if (n.template().equals(NotificationTemplate.INTERNAL_NOTE_ADDED)
        && !recipient.role().isStaff()) {
      log.error(
          "Notification {} of an internal note not emailed to {}, who is not staff",
          n.id(),
          n.recipientId());
      return;
    }
    MessageTemplates.Message rendered = templates.render(n, locales.apply(recipient), users);
    String id = messageId(delivery.id());
    String root = threadRoot(n.ticketId());
    MimeMessage mail = new KeepingIdMessage(session, "<" + id + ">");
    mail.setFrom(from);
    String name = MessageTemplates.variables(n, users).get("recipientName");
    mail.setRecipient(Message.RecipientType.TO, address(address.strip(), name));
    mail.setReplyTo(
        new InternetAddress[] {address(tokens.replyAddress(n.ticketId()), from.getPersonal())});
    String reference = "[#" + n.ticketId() + "]";
    String subject = rendered.subject();
    mail.setSubject(
        subject.contains(reference) ? subject : subject + " " + reference,
        StandardCharsets.UTF_8.name());
    if (rendered.html() == null) {
      mail.setText(rendered.text(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(rendered.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      mail.setContent(alternative);
    }
    mail.setHeader("Message-ID", "<" + id + ">");
    mail.setHeader("In-Reply-To", "<" + root + ">");
    mail.setHeader("References", "<" + root + ">");
    mail.setHeader("Auto-Submitted", "auto-generated");
    mail.setHeader("X-Auto-Response-Suppress", "All");
    mail.setHeader(DELIVERY_HEADER, safe(delivery.id()));
    mail.setHeader(TEMPLATE_HEADER, safe(n.template().name()));
    // Remembered first: a reply can come back before the send returns.
    store.recordSent(MessageKeys.of(id), n.ticketId(), clock.instant());
    store.recordSent(MessageKeys.of(root), n.ticketId(), clock.instant());
    transport.send(mail);
    log.debug("Emailed notification {} ({}) as {}", n.id(), n.template(), id);
  }

  private static InternetAddress address(String address, @Nullable String name)
      throws MessagingException {
    try {
      InternetAddress a =
          new InternetAddress(
              address, name == null || name.isEmpty() ? null : name, StandardCharsets.UTF_8.name());
      a.validate();
      return a;
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 is always supported", e);
    }
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  /** A message whose Message-ID survives {@code saveChanges}. */
  private static final class KeepingIdMessage extends MimeMessage {
    private final String id;

    KeepingIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
