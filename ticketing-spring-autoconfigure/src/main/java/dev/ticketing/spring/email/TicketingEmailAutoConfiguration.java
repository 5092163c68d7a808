package dev.ticketing.spring.email;

import dev.ticketing.TicketService;
import dev.ticketing.TicketingOptions;
import dev.ticketing.email.BlobUploader;
import dev.ticketing.email.ImapPoller;
import dev.ticketing.email.InboundMail;
import dev.ticketing.email.ReplyTokens;
import dev.ticketing.email.ThreadedEmailNotifier;
import dev.ticketing.email.UnknownSenders;
import dev.ticketing.jpa.JpaMailStore;
import dev.ticketing.jpa.JpaTransactions;
import dev.ticketing.memory.InMemoryBlobStore;
import dev.ticketing.memory.InMemoryMailStore;
import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.MailStore;
import dev.ticketing.spring.autoconfigure.TicketingClock;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The e-mail channel, when {@code ticketing-email} is on the class path and {@code
 * ticketing.email.address} is set:
 *
 * <ul>
 *   <li>a {@link MailStore}: on the JPA store's database when the JPA store is in use (table
 *       {@code ticketing_mail_*}), in memory otherwise;
 *   <li>{@link ReplyTokens} signed with {@code ticketing.email.token-key};
 *   <li>when a {@link JavaMailSender} exists, the {@link ThreadedEmailNotifier} as the {@code
 *       ticketingEmailNotifier} channel, in place of the plain e-mail notifier;
 *   <li>an {@link InboundMail} for the host's inbound endpoint (a provider's post of a raw message);
 *   <li>with {@code ticketing.email.imap.enabled}, an {@link ImapPoller} polling the box while the
 *       application runs.
 * </ul>
 *
 * Each bean backs off when the host defines its own.
 *
 * @since 0.2.0
 */
@AutoConfiguration(
    afterName = {
      "dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration",
      "dev.ticketing.spring.jpa.TicketingJpaAutoConfiguration",
      "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration"
    },
    beforeName = "dev.ticketing.spring.mail.TicketingMailAutoConfiguration")
@ConditionalOnClass(InboundMail.class)
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "ticketing.email.address")
@ConditionalOnBean(Directory.class)
@EnableConfigurationProperties(TicketingEmailProperties.class)
public final class TicketingEmailAutoConfiguration {

  /** The mail store on the JPA store's database. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JpaMailStore.class)
  @ConditionalOnBean(JpaTransactions.class)
  static final class OnJpa {
    @Bean
    @ConditionalOnMissingBean
    MailStore ticketingMailStore(JpaTransactions transactions) {
      return new JpaMailStore(transactions);
    }
  }

  /** Threaded outbound mail through the host's JavaMailSender. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JavaMailSender.class)
  @ConditionalOnBean(JavaMailSender.class)
  static final class Outbound {
    @Bean
    @ConditionalOnMissingBean
    ThreadedEmailNotifier ticketingEmailNotifier(
        JavaMailSender sender,
        Directory directory,
        ObjectProvider<MessageTemplates> templates,
        ReplyTokens tokens,
        MailStore store,
        TicketingClock clock,
        TicketingEmailProperties properties)
        throws MessagingException {
      String from = properties.from();
      InternetAddress sender0 =
          InternetAddress.parse(from == null || from.isBlank() ? tokens.supportAddress() : from)[0];
      java.util.Locale locale = properties.locale();
      return new ThreadedEmailNotifier(
          sender::send,
          directory,
          templates.getIfAvailable(MessageTemplates::defaults),
          sender0,
          tokens,
          store,
          clock.clock(),
          user -> locale);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  MailStore ticketingMailStore() {
    return new InMemoryMailStore();
  }

  @Bean
  @ConditionalOnMissingBean
  ReplyTokens ticketingReplyTokens(TicketingEmailProperties properties) {
    String key = properties.tokenKey();
    if (key == null || key.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException(
          "ticketing.email.token-key must be set to a secret of at least 32 characters, the same on"
              + " every instance: it signs the reply addresses");
    }
    return new ReplyTokens(
        key.getBytes(StandardCharsets.UTF_8), Objects.requireNonNull(properties.address()));
  }

  @Bean
  @ConditionalOnMissingBean
  InboundMail ticketingInboundMail(
      TicketService service,
      Directory directory,
      MailStore store,
      ReplyTokens tokens,
      TicketingOptions options,
      BlobStore blobs,
      TicketingClock clock,
      ObjectProvider<UnknownSenders> unknownSenders,
      TicketingEmailProperties properties) {
    UnknownSenders policy = UnknownSenders.refuse();
    if (properties.unknownSenders() == TicketingEmailProperties.UnknownSenderPolicy.CREATE) {
      policy = unknownSenders.getIfAvailable();
      if (policy == null) {
        throw new IllegalStateException(
            "ticketing.email.unknown-senders=CREATE needs an UnknownSenders bean that makes the"
                + " sender a customer");
      }
    }
    BlobUploader uploader =
        blobs instanceof InMemoryBlobStore memory
            ? (upload, type, bytes) -> memory.upload(upload.uploadUrl(), type, bytes)
            : BlobUploader.http();
    return InboundMail.builder()
        .service(service)
        .directory(directory)
        .store(store)
        .tokens(tokens)
        .options(options)
        .limits(properties.limits())
        .uploader(uploader)
        .unknownSenders(policy)
        .clock(clock.clock())
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "ticketing.email.imap.enabled")
  ImapPollerLifecycle ticketingImapPoller(
      InboundMail inbound, TicketingEmailProperties properties) {
    TicketingEmailProperties.Imap imap = properties.imap();
    if (imap.host() == null || imap.username() == null || imap.password() == null) {
      throw new IllegalStateException(
          "ticketing.email.imap.enabled needs ticketing.email.imap.host, username and password");
    }
    return new ImapPollerLifecycle(
        new ImapPoller(
            new ImapPoller.Settings(
                imap.protocol(),
                imap.host(),
                imap.port(),
                imap.username(),
                imap.password(),
                imap.folder(),
                imap.interval(),
                imap.idle()),
            inbound));
  }
}
