package dev.ticketing.spring.mail;

import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.UserInfo;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The email channel: one mail per notification, through Spring's {@link JavaMailSender}.
 *
 * <p>For each notification it asks the {@link Directory} once for the recipient and the actor
 * (address and names), renders subject, plain text and HTML with {@link MessageTemplates} and sends
 * a {@code multipart/alternative} mail (plain text only when the template has no HTML). The
 * delivery id (stable across retries, unique per notification and channel) is the mail's
 * idempotency key: it is in the {@code X-Ticketing-Delivery} header and in the {@code Message-ID}
 * ({@code <id@sender-domain>}), so a mail sent again after a retry is recognisable as the same
 * message. A failure of another channel never makes this one send again. {@code Auto-Submitted: auto-generated} keeps auto-responders
 * quiet.
 *
 * <p>A send failure (server down, refused) throws, so the outbox retries the notification with
 * back-off: nothing is lost while the mail server is away. Delivery is at least once: when the
 * server accepted a mail but its answer was lost, the mail is sent again with the same headers.
 * A recipient the directory does not know, or who has no address, is skipped (logged), since no
 * retry would help.
 *
 * @since 0.1.0
 */
public final class EmailNotifier implements Notifier {

  /** The header carrying the notification id. */
  public static final String DELIVERY_HEADER = "X-Ticketing-Delivery";

  /** The header carrying the template name, for the host's mail filters. */
  public static final String TEMPLATE_HEADER = "X-Ticketing-Template";

  private static final Logger log = LoggerFactory.getLogger(EmailNotifier.class);

  private final JavaMailSender sender;
  private final Directory directory;
  private final MessageTemplates templates;
  private final InternetAddress from;
  private final String messageIdDomain;
  private final Function<@Nullable UserInfo, Locale> locales;

  /** Writes every mail in {@code locale}. */
  public EmailNotifier(
      JavaMailSender sender,
      Directory directory,
      MessageTemplates templates,
      InternetAddress from,
      Locale locale) {
    this(sender, directory, templates, from, user -> locale);
  }

  /** Writes each mail in the locale {@code locales} picks for the recipient. */
  public EmailNotifier(
      JavaMailSender sender,
      Directory directory,
      MessageTemplates templates,
      InternetAddress from,
      Function<@Nullable UserInfo, Locale> locales) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.from = Objects.requireNonNull(from, "from");
    this.locales = Objects.requireNonNull(locales, "locales");
    String address = from.getAddress();
    int at = address == null ? -1 : address.lastIndexOf('@');
    if (at < 0 || at == address.length() - 1) {
      throw new IllegalArgumentException("the sender needs an address with a domain: " + from);
    }
    this.messageIdDomain = address.substring(at + 1);
  }

  /** Parses a sender such as {@code Support <support@example.com>} strictly. */
  public static InternetAddress parseFrom(String from) {
    try {
      InternetAddress[] parsed = InternetAddress.parse(from, true);
      if (parsed.length != 1) {
        throw new IllegalArgumentException(
            "ticketing.mail.from must be exactly one address: " + from);
      }
      parsed[0].validate();
      return parsed[0];
    } catch (MessagingException e) {
      throw new IllegalArgumentException("ticketing.mail.from is not a valid address: " + from, e);
    }
  }

  /** Mails outside the outbox: the notification id is the delivery id. */
  @Override
  public void deliver(Notification notification)
      throws MessagingException, UnsupportedEncodingException {
    deliver(new Delivery(notification.id(), "email", 1, notification));
  }

  @Override
  public void deliver(Delivery delivery) throws MessagingException, UnsupportedEncodingException {
    Notification notification = delivery.notification();
    Set<String> ids =
        new LinkedHashSet<>(List.of(notification.recipientId(), notification.actorId()));
    Map<String, UserInfo> users = directory.users(ids);
    UserInfo recipient = users.get(notification.recipientId());
    if (recipient == null) {
      log.warn(
          "Notification {} ({}) not emailed: the directory does not know user {}",
          notification.id(),
          notification.template(),
          notification.recipientId());
      return;
    }
    if (recipient.email() == null || recipient.email().isBlank()) {
      log.info(
          "Notification {} ({}) not emailed: user {} has no email address",
          notification.id(),
          notification.template(),
          notification.recipientId());
      return;
    }
    MessageTemplates.Message rendered =
        templates.render(notification, locales.apply(recipient), users);

    MimeMessage mail = sender.createMimeMessage();
    mail.setFrom(from);
    String name = MessageTemplates.variables(notification, users).get("recipientName");
    InternetAddress to =
        new InternetAddress(
            recipient.email().strip(),
            name == null || name.isEmpty() ? null : name,
            StandardCharsets.UTF_8.name());
    to.validate(); // a malformed address in the directory: fails, and shows as a dead letter
    mail.setRecipient(Message.RecipientType.TO, to);
    mail.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
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
    String key = headerSafe(delivery.id());
    mail.setHeader(DELIVERY_HEADER, key);
    mail.setHeader(TEMPLATE_HEADER, headerSafe(notification.template().name()));
    mail.setHeader("Auto-Submitted", "auto-generated");
    // JavaMailSenderImpl keeps a Message-ID that was set before sending.
    mail.setHeader("Message-ID", "<" + key + "@" + messageIdDomain + ">");
    sender.send(mail); // a MailException means "not sent": the outbox retries
    log.debug("Emailed notification {} ({})", notification.id(), notification.template());
  }

  /** Keeps ids to characters that are safe in a header and a Message-ID. */
  private static String headerSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._+-]", "_");
  }
}
