package dev.ticketing.examples.comdeall;

import dev.ticketing.notification.MessageTemplates;
import dev.ticketing.spi.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * How the host delivers the library's notifications. Each is a channel of its own: the library
 * calls every one after the change committed, retrying each without the others sending again:
 *
 * <ul>
 *   <li>push: {@link InAppFeed} is a {@code PushNotifier} bean, so the auto-configuration makes it the
 *       {@code inAppFeed} channel; the library renders each notification's push title and text (the
 *       module's {@code subject} and {@code description}) and the feed stores them for the user;
 *   <li>e-mail: the library's own e-mail channel, switched on by Spring Boot's mail support once
 *       {@code spring.mail.host} is set (with {@code ticketing.mail.from}, set in application.yml);
 *   <li>the log: one line per notification, so that a run without a mail server shows them too.
 * </ul>
 *
 * <p>Texts are the library's templates, with the host's own wording where the module has one
 * (under {@code src/main/resources/ticketing/templates/}).
 */
@Configuration(proxyBeanMethods = false)
class NotificationChannels {
  private static final Logger log = LoggerFactory.getLogger(NotificationChannels.class);

  /** The templates of push and e-mail; the mail channel of the library uses this bean too. */
  @Bean
  MessageTemplates messageTemplates(ResourceLoader resources) {
    MessageTemplates.Builder templates = MessageTemplates.builder();
    ClassLoader classLoader = resources.getClassLoader();
    if (classLoader != null) {
      templates.classLoader(classLoader);
    }
    return templates.build();
  }

  @Bean
  Notifier notificationLog() {
    return n ->
        log.info(
            "notification {} to {} about ticket {}", n.template(), n.recipientId(), n.ticketId());
  }
}
