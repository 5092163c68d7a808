package dev.ticketing.examples.desk;

import dev.ticketing.spi.Notification;
import dev.ticketing.spring.autoconfigure.TicketingNotificationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every notification the library delivers, in the log: which template, to whom, about which
 * ticket. The library writes notifications to its outbox in the change's transaction and delivers
 * them after commit, at least once; this listener is one receiver, email (when {@code
 * ticketing.mail.from} and {@code spring.mail.host} are set) is another.
 *
 * <p>A real host sends push messages or emails here instead, dropping repeats by {@code
 * notification.id()}. Ids only at INFO: no message bodies in logs.
 */
@Component
class NotificationLog {
  private static final Logger log = LoggerFactory.getLogger(NotificationLog.class);

  @EventListener
  void on(TicketingNotificationEvent event) {
    Notification n = event.notification();
    log.info(
        "notification {} to {} about ticket {}{} (by {}, id {})",
        n.template(),
        n.recipientId(),
        n.ticketId(),
        n.commentId() == null ? "" : " comment " + n.commentId(),
        n.actorId(),
        n.id());
  }
}
