package dev.ticketing.examples.desk;

import dev.ticketing.AuditAction;
import dev.ticketing.notification.TicketEvent;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.TicketEventNotifier;
import dev.ticketing.spi.TicketStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where the live events come from: the library's outbox. This bean is an event channel (a {@link
 * TicketEventNotifier}, channel {@code deskLive}): the engine writes one ticket event per recorded
 * change into the outbox, in the change's own transaction, so an event exists exactly when its
 * change committed, whichever desk instance made it; the outbox dispatcher of one instance hands it
 * here after the commit, at least once and in the order of the ticket's changes. This turns it into
 * a {@link LiveChange} (ids, kind, version, no content) and gives it to {@link LiveFanOut}, which
 * passes it to the {@link LiveHub} of every desk instance on the same database.
 *
 * <p>A file added to an internal note is internal like the note: only staff who read notes hear of
 * it.
 */
@Component("deskLive")
class LiveFeed implements TicketEventNotifier {

  private final ObjectProvider<TicketStore> store;
  private final ObjectProvider<LiveFanOut> fanOut;

  LiveFeed(ObjectProvider<TicketStore> store, ObjectProvider<LiveFanOut> fanOut) {
    this.store = store;
    this.fanOut = fanOut;
  }

  @Override
  public void deliver(Delivery delivery) throws Exception {
    TicketEvent event = TicketEvent.of(delivery.notification());
    LiveChange change = LiveChange.of(event, internalFile(event));
    fanOut.getObject().send(change);
  }

  private boolean internalFile(TicketEvent event) {
    if (event.action() != AuditAction.ATTACHMENT_ADDED) {
      return false;
    }
    String attachmentId = null;
    String commentId = null;
    for (TicketEvent.Change c : event.changes()) {
      if (c.field().equals("attachmentId")) {
        attachmentId = c.newValue();
      } else if (c.field().equals("commentId")) {
        commentId = c.newValue();
      }
    }
    TicketStore tickets = store.getObject();
    if (commentId != null) {
      return tickets.findComment(commentId).map(CommentRecord::internal).orElse(true);
    }
    for (AttachmentRecord a : tickets.attachments(event.ticketId(), true)) {
      if (a.id().equals(attachmentId)) {
        return a.internal();
      }
    }
    return true; // gone: tell staff only
  }
}
