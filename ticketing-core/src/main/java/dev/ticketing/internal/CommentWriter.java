package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AddComment;
import dev.ticketing.AuditAction;
import dev.ticketing.ExternalNote;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replies on a ticket: public comments, internal notes and notes recorded from another system (once
 * per external id). Each runs inside the caller's unit of work, and a reply may move the ticket's
 * status (the reply automations of {@link StatusEffects}).
 */
final class CommentWriter {

  private final TicketStore store;
  private final IdGenerator ids;
  private final Access access;
  private final ChangeLog changes;
  private final StatusEffects effects;
  private final NotificationRouter router;

  CommentWriter(
      TicketStore store,
      IdGenerator ids,
      Access access,
      ChangeLog changes,
      StatusEffects effects,
      NotificationRouter router) {
    this.store = store;
    this.ids = ids;
    this.access = access;
    this.changes = changes;
    this.effects = effects;
    this.router = router;
  }

  static Operation operation(boolean internal) {
    return internal ? Operation.ADD_INTERNAL_NOTE : Operation.COMMENT;
  }

  CommentRecord add(Actor actor, AddComment input) {
    TicketRecord t = access.permittedToChange(actor, input.ticketId(), operation(input.internal()));
    StatusEffects.requireOpenForComments(t);
    Instant now = changes.now();
    CommentRecord c =
        new CommentRecord(
            ids.newId(),
            t.id(),
            actor.id(),
            TicketEdits.strip(input.content()),
            input.internal(),
            null,
            now,
            now);
    store.insertComment(c);
    changes.record(
        t,
        t,
        AuditAction.TICKET_COMMENT_ADDED,
        actor,
        now,
        List.of(
            change("commentId", null, c.id()),
            change("internal", null, Boolean.toString(c.internal()))));
    TicketRecord after = effects.afterReply(actor, t, c, now);
    changes.enqueue(router.comment(after, c, actor, false, now));
    return c;
  }

  CommentRecord recordExternal(Actor actor, ExternalNote note) {
    TicketRecord t = access.permittedToChange(actor, note.ticketId(), operation(note.internal()));
    Optional<CommentRecord> existing =
        store.findCommentByExternalId(Objects.requireNonNull(note.externalId()));
    if (existing.isPresent()) {
      // A repeated event returns the note recorded before, but only to someone who may read it: an
      // internal note is not handed to a caller who names its id without the right to see it. One
      // answer for both refusals, so that the id says nothing about where it was recorded.
      CommentRecord recorded = existing.get();
      if (!recorded.ticketId().equals(t.id())
          || (recorded.internal() && !access.readsInternalNotes(actor, t))) {
        throw ValidationException.of(
            "externalId", "was already recorded for another ticket or note");
      }
      return recorded; // a repeated event: recorded once, notified once
    }
    // Like any comment: a closed or cancelled ticket takes no new notes (reopen it first). A repeat
    // of a
    // note recorded before it was closed was answered above, so a redelivery still succeeds.
    StatusEffects.requireOpenForComments(t);
    Instant now = changes.now();
    Instant createdAt =
        note.createdAt() != null ? note.createdAt().truncatedTo(ChronoUnit.MICROS) : now;
    CommentRecord c =
        new CommentRecord(
            ids.newId(),
            t.id(),
            actor.id(),
            TicketEdits.strip(note.content()),
            note.internal(),
            note.externalId(),
            createdAt,
            createdAt);
    store.insertComment(c);
    changes.record(
        t,
        t,
        AuditAction.TICKET_COMMENT_ADDED,
        actor,
        now,
        List.of(
            change("commentId", null, c.id()),
            change("internal", null, Boolean.toString(c.internal())),
            change("externalId", null, note.externalId())));
    changes.enqueue(router.comment(t, c, actor, true, now));
    return c;
  }
}
