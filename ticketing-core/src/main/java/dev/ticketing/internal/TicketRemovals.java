package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.InvalidStateException;
import dev.ticketing.Status;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Taking tickets away and giving them back: the soft delete, the super admin's restore, and the
 * purge that erases a ticket for good. Each runs inside the caller's unit of work.
 */
final class TicketRemovals {

  private final TicketStore store;
  private final Access access;
  private final ChangeLog changes;
  private final TicketEdits edits;

  TicketRemovals(TicketStore store, Access access, ChangeLog changes, TicketEdits edits) {
    this.store = store;
    this.access = access;
    this.changes = changes;
    this.edits = edits;
  }

  TicketSnapshot delete(Actor actor, String ticketId) {
    TicketRecord t = access.permittedToChange(actor, ticketId, Operation.DELETE_TICKET);
    Instant now = changes.now();
    TicketRecord stored =
        store.updateTicket(
            t.edit()
                .status(Status.CANCELLED)
                .statusBeforeDelete(t.status())
                .deletedAt(now)
                .deletedBy(actor.id())
                .updatedAt(now)
                .build());
    changes.record(
        t,
        stored,
        AuditAction.DELETED,
        actor,
        now,
        List.of(change("status", t.status(), Status.CANCELLED)));
    return edits.snapshot(stored);
  }

  TicketSnapshot restore(Actor actor, String ticketId) {
    TicketRecord t = access.deletedOrVisible(actor, ticketId, Operation.RESTORE_TICKET);
    if (!t.deleted()) {
      throw new InvalidStateException(t.status(), "ticket " + t.id() + " is not deleted");
    }
    Status previous = t.statusBeforeDelete() != null ? t.statusBeforeDelete() : Status.CANCELLED;
    Instant now = changes.now();
    TicketRecord stored =
        store.updateTicket(
            t.edit()
                .status(previous)
                .statusBeforeDelete(null)
                .deletedAt(null)
                .deletedBy(null)
                .updatedAt(now)
                .build());
    changes.record(
        t,
        stored,
        AuditAction.RESTORED,
        actor,
        now,
        List.of(change("status", t.status(), previous)));
    return edits.snapshot(stored);
  }

  /**
   * Erases a ticket's records and schedules the deletion of its objects, in the same unit of work,
   * so that no object outlives the purge even when deleting them at once fails or the process stops
   * first: the sweeper deletes what is due. Returns the object keys to delete now.
   */
  List<String> purge(Actor actor, String ticketId) {
    TicketRecord t = access.deletedOrVisible(actor, ticketId, Operation.PURGE_TICKET);
    PurgedTicket purged = store.purgeTicket(t.id());
    Instant now = changes.now();
    List<ObjectDeletion> deletions = new ArrayList<>();
    purged.attachmentKeys().forEach(k -> deletions.add(new ObjectDeletion(k, now)));
    for (UploadGrant g : purged.uploadGrants()) {
      // The grant is gone, so nothing can be confirmed under it any more; its URL may still write
      // the staged object until it expires: deleted now, and again then.
      deletions.add(new ObjectDeletion(g.objectKey(), now));
      deletions.add(
          new ObjectDeletion(g.stagingKey(), now.isAfter(g.expiresAt()) ? now : g.expiresAt()));
    }
    store.scheduleObjectDeletions(deletions);
    // The entry that survives the erasure: who erased which id, nothing of the content.
    changes.record(t, t, AuditAction.PURGED, actor, now, List.of());
    return deletions.stream().map(ObjectDeletion::objectKey).toList();
  }
}
