package dev.ticketing.memory;

import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A ticket of an {@link InMemoryTicketStore} with what belongs to it. Immutable, so that a read returns a consistent snapshot and
 * undoing a write is putting the previous state back.
 *
 * @param comments sorted oldest first
 * @param attachments sorted oldest first
 * @param activity kept up to date on every insert, so that listings never count comments
 */
record TicketState(
    TicketRecord ticket,
    List<CommentRecord> comments,
    List<AttachmentRecord> attachments,
    Activity activity) {

  static TicketState of(TicketRecord ticket) {
    return new TicketState(ticket, List.of(), List.of(), Activity.NONE);
  }

  TicketState withTicket(TicketRecord changed) {
    return new TicketState(changed, comments, attachments, activity);
  }

  TicketState withComment(CommentRecord c) {
    Activity a = activity;
    boolean visible = !c.internal();
    Activity counted =
        new Activity(
            a.publicComments() + (visible ? 1 : 0),
            a.allComments() + 1,
            a.publicAttachments(),
            a.allAttachments(),
            visible ? latest(a.lastPublicCommentAt(), c.createdAt()) : a.lastPublicCommentAt(),
            latest(a.lastCommentAt(), c.createdAt()));
    return new TicketState(ticket, inserted(comments, c, COMMENT_ORDER), attachments, counted);
  }

  TicketState withAttachment(AttachmentRecord att) {
    Activity a = activity;
    Activity counted =
        new Activity(
            a.publicComments(),
            a.allComments(),
            a.publicAttachments() + (att.internal() ? 0 : 1),
            a.allAttachments() + 1,
            a.lastPublicCommentAt(),
            a.lastCommentAt());
    return new TicketState(ticket, comments, inserted(attachments, att, ATTACHMENT_ORDER), counted);
  }

  private static final Comparator<CommentRecord> COMMENT_ORDER =
      Comparator.comparing(CommentRecord::createdAt).thenComparing(CommentRecord::id);

  private static final Comparator<AttachmentRecord> ATTACHMENT_ORDER =
      Comparator.comparing(AttachmentRecord::createdAt).thenComparing(AttachmentRecord::id);

  private static Instant latest(@Nullable Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static <T> List<T> inserted(List<T> sorted, T element, Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(sorted.size() + 1);
    copy.addAll(sorted);
    copy.add(element);
    copy.sort(order);
    return List.copyOf(copy);
  }
}
