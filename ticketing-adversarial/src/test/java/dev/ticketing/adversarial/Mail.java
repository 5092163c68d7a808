package dev.ticketing.adversarial;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ticketing.email.MailTransport;
import dev.ticketing.email.ReplyTokens;
import dev.ticketing.email.ThreadedEmailNotifier;
import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.Directory;
import dev.ticketing.spring.mail.EmailNotifier;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A real SMTP server (GreenMail on a free loopback port) and the library's email channel sending to it. */
final class Mail implements AutoCloseable {

  /** A received mail, decoded: recipient, delivery id (the idempotency key) and every text it carries. */
  record Received(String to, String deliveryId, String template, String text) {}

  final GreenMail server;

  private Mail(GreenMail server) {
    this.server = server;
  }

  static Mail start() {
    GreenMail server =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    server.start();
    return new Mail(server);
  }

  /** The library's email channel, sending through this server. */
  EmailNotifier notifier(Directory directory) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.getSmtp().getPort());
    Properties props = new Properties();
    props.put("mail.smtp.connectiontimeout", "2000");
    props.put("mail.smtp.timeout", "5000");
    sender.setJavaMailProperties(props);
    return new EmailNotifier(
        sender,
        directory,
        MessageTemplates.defaults(),
        EmailNotifier.parseFrom("Support Desk <support@desk.example>"),
        Locale.ENGLISH);
  }

  /** The e-mail channel's threaded notifier (ticketing-email), sending through this server. */
  ThreadedEmailNotifier threadedNotifier(Directory directory) {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(server.getSmtp().getPort()));
    props.put("mail.smtp.connectiontimeout", "2000");
    props.put("mail.smtp.timeout", "5000");
    try {
      return new ThreadedEmailNotifier(
          MailTransport.smtp(Session.getInstance(props)),
          directory,
          MessageTemplates.defaults(),
          new InternetAddress("support@desk.example", "Support Desk", "UTF-8"),
          new ReplyTokens(
              "adversarial reply-token key, 32+ bytes"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "support@desk.example"),
          new InMemoryMailStore(),
          java.time.Clock.systemUTC(),
          user -> Locale.ENGLISH);
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every mail received so far, decoded. */
  List<Received> received() {
    List<Received> out = new ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      try {
        String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        StringBuilder text = new StringBuilder();
        text.append(m.getSubject()).append('\n');
        for (var headers = m.getAllHeaderLines(); headers.hasMoreElements(); ) {
          text.append(headers.nextElement()).append('\n');
        }
        collect(m.getContent(), text);
        out.add(
            new Received(
                to,
                m.getHeader(EmailNotifier.DELIVERY_HEADER, null),
                m.getHeader(EmailNotifier.TEMPLATE_HEADER, null),
                text.toString()));
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException("cannot read a received mail", e);
      }
    }
    return out;
  }

  /** Decoded text of every part, so that no transfer encoding hides anything from the scan. */
  private static void collect(Object content, StringBuilder text)
      throws MessagingException, IOException {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        collect(part.getContent(), text);
      }
    } else {
      text.append(content).append('\n');
    }
  }

  void purge() {
    try {
      server.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
