package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.InvalidStateException;
import dev.ticketing.Status;
import dev.ticketing.TicketingOptions;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.workflow.ReplyAutomation;
import dev.ticketing.workflow.StatusTimestamps;
import dev.ticketing.workflow.TransitionTable;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a status brings with it, applied inside the unit of work of the command that moves it: the
 * timestamps of the status entered, the audit entry under the status's named action, the
 * notifications routed for it. Also the moves other commands set off: a customer's reply (the
 * {@link ReplyAutomation}), an assignment that starts work. The rules are the workflow's; this
 * class writes what they decide.
 */
final class StatusEffects {

  private final TicketStore store;
  private final ChangeLog changes;
  private final NotificationRouter router;
  private final TransitionTable transitions;
  private final ReplyAutomation replies;

  StatusEffects(
      TicketStore store, ChangeLog changes, NotificationRouter router, TicketingOptions options) {
    this.store = store;
    this.changes = changes;
    this.router = router;
    this.transitions = options.transitions();
    this.replies =
        new ReplyAutomation(
            options.transitions(),
            options.customerReplyResumesWork(),
            options.customerReplyReopens());
  }

  /** Throws unless the state machine allows the move. */
  void check(TicketRecord t, Status target) {
    transitions.check(t.status(), target);
  }

  boolean allows(TicketRecord t, Status target) {
    return transitions.allows(t.status(), target);
  }

  /**
   * Moves a ticket to a status already checked against policy and state machine: the status with its
   * timestamps, the audit entry under the status's named action, the notifications it routes.
   */
  TicketRecord move(Actor actor, TicketRecord t, Status target, Instant now) {
    StatusTimestamps times = new StatusTimestamps(t.resolvedAt(), t.closedAt()).enter(target, now);
    TicketRecord stored =
        store.updateTicket(
            t.edit()
                .status(target)
                .resolvedAt(times.resolvedAt())
                .closedAt(times.closedAt())
                .updatedAt(now)
                .build());
    changes.record(
        t,
        stored,
        AuditAction.forStatus(target),
        actor,
        now,
        List.of(change("status", t.status(), target)));
    changes.enqueue(router.statusChanged(stored, actor, now));
    return stored;
  }

  /** The reply automations: a customer's public reply resumes work or reopens. */
  TicketRecord afterReply(Actor actor, TicketRecord t, CommentRecord reply, Instant now) {
    Status target = replies.onReply(t.status(), actor.isStaff(), reply.internal());
    return target == null ? t : move(actor, t, target, now);
  }

  /**
   * The status an assignment moves a ticket to (work starts on an open or reopened ticket, where the
   * state machine allows it), or null when it stays. A ticket that is done takes no assignee.
   */
  @Nullable Status onAssignment(TicketRecord t) {
    return switch (t.status()) {
      case RESOLVED, CLOSED, CANCELLED ->
          throw new InvalidStateException(
              t.status(),
              "cannot assign a ticket that is "
                  + t.status()
                  + (t.status() == Status.CANCELLED ? "" : "; reopen it first"));
      case OPEN, REOPENED ->
          transitions.allows(t.status(), Status.IN_PROGRESS) ? Status.IN_PROGRESS : null;
      default -> null;
    };
  }

  /** A closed or cancelled ticket takes no comments, notes or files: it has to be reopened first. */
  static void requireOpenForComments(TicketRecord t) {
    if (t.status() == Status.CLOSED || t.status() == Status.CANCELLED) {
      throw new InvalidStateException(
          t.status(), "ticket " + t.id() + " is " + t.status() + "; reopen it first");
    }
  }
}
