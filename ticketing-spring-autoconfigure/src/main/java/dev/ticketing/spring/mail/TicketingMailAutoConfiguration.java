package dev.ticketing.spring.mail;

import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.Directory;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Email notifications: when Spring's mail support is on the class path, a {@link JavaMailSender}
 * bean exists (Boot makes one from {@code spring.mail.host}) and {@code ticketing.mail.from} is
 * set, an {@link EmailNotifier} joins the host's notifiers. Its templates come from a {@link
 * MessageTemplates} bean, the built-in ones overridable under {@code ticketing.mail.template-prefix}
 * on the host's class path. Both back off when the host defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
      "dev.ticketing.spring.autoconfigure.TicketingAutoConfiguration"
    })
@ConditionalOnClass({JavaMailSender.class, MimeMessage.class})
@ConditionalOnBooleanProperty(name = "ticketing.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "ticketing.mail.from")
@ConditionalOnBean({JavaMailSender.class, Directory.class})
@EnableConfigurationProperties(TicketingMailProperties.class)
public final class TicketingMailAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MessageTemplates ticketingMessageTemplates(
      TicketingMailProperties properties, ResourceLoader resources) {
    MessageTemplates.Builder templates =
        MessageTemplates.builder().hostPrefix(properties.templatePrefix());
    ClassLoader classLoader = resources.getClassLoader();
    if (classLoader != null) {
      templates.classLoader(classLoader);
    }
    return templates.build();
  }

  // The e-mail channel's threaded notifier (ticketing-email), when configured, takes this place.
  @Bean
  @ConditionalOnMissingBean(
      value = EmailNotifier.class,
      type = "dev.ticketing.email.ThreadedEmailNotifier")
  EmailNotifier ticketingEmailNotifier(
      JavaMailSender sender,
      Directory directory,
      MessageTemplates templates,
      TicketingMailProperties properties) {
    String from = properties.from();
    if (from == null || from.isBlank()) {
      throw new IllegalStateException("ticketing.mail.from is empty");
    }
    return new EmailNotifier(
        sender, directory, templates, EmailNotifier.parseFrom(from), properties.locale());
  }
}
