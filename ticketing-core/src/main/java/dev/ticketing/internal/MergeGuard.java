package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.InvalidStateException;
import dev.ticketing.Status;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import dev.ticketing.spi.TicketRecord;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a merged ticket as the merge left it, so that an unmerge restores it exactly: a change of
 * its status, fields, assignee or conversation fails until it is unmerged (tags, followers, CCs and
 * links may still change). A purged ticket's links and merges go with it.
 */
final class MergeGuard implements ChangeListener {

  /** What a merged ticket does not take. */
  private static final Set<AuditAction> FROZEN =
      EnumSet.of(
          AuditAction.UPDATED,
          AuditAction.STATUS_CHANGED,
          AuditAction.TICKET_ASSIGNED,
          AuditAction.TICKET_UNASSIGNED,
          AuditAction.TICKET_COMMENT_ADDED,
          AuditAction.TICKET_RESOLVED,
          AuditAction.TICKET_CLOSED,
          AuditAction.TICKET_REOPENED,
          AuditAction.TICKET_CANCELLED,
          AuditAction.ATTACHMENT_ADDED);

  private final LinkStore links;

  MergeGuard(LinkStore links) {
    this.links = links;
  }

  @Override
  public void changed(Change change) {
    TicketRecord before = change.before();
    if (change.action() == AuditAction.PURGED) {
      links.deleteTicket(change.after().id());
      return;
    }
    // A merged ticket is closed: only a change of a closed ticket needs the look-up.
    if (before == null || before.status() != Status.CLOSED || !FROZEN.contains(change.action())) {
      return;
    }
    Optional<MergeRecord> merge = links.mergeOf(before.id());
    if (merge.isPresent()) {
      throw new InvalidStateException(
          before.status(),
          "ticket "
              + before.id()
              + " is merged into ticket "
              + merge.get().targetTicketId()
              + "; unmerge it first");
    }
  }
}
