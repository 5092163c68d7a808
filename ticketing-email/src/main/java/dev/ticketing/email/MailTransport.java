package dev.ticketing.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends a finished message: Jakarta Mail's {@link Transport} on a {@link Session}, or a host's
 * sender (Spring's {@code JavaMailSender::send}). Throwing means "not sent": the outbox retries.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface MailTransport {

  /** Sends the message; its Message-ID is already set and must be kept. */
  void send(MimeMessage message) throws MessagingException;

  /** Sends through SMTP as the session's properties say ({@code mail.smtp.host}, ...). */
  static MailTransport smtp(Session session) {
    return message -> {
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect();
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
      }
    };
  }
}
