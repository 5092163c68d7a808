package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AuditAction;
import dev.ticketing.LinkSettings;
import dev.ticketing.MergeTickets;
import dev.ticketing.Status;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.LinkStore;
import dev.ticketing.spi.MergeRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.validation.IdValidator;
import dev.ticketing.workflow.StatusTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Merges a source ticket into a target of the same company and undoes it, inside the caller's unit
 * of work. A merge moves nothing: the source is closed (from a status the settings' merge table
 * lets move to {@link Status#CLOSED}) and a merge row points it to the target, remembering its
 * status and status times; the target's conversation is read as the union. An unmerge deletes the
 * row and puts the status back, so the source is as it was, and what was written on the target
 * meanwhile stays there. Both tickets get an audit entry and a new version (two merges racing over
 * a ticket cannot both pass the checks), and both requesters a notification.
 */
final class MergeWriter {

  private final TicketStore store;
  private final LinkStore links;
  private final Access access;
  private final ChangeLog changes;
  private final LinkSettings settings;
  private final MergeNotices notices;

  MergeWriter(
      TicketStore store,
      LinkStore links,
      Access access,
      ChangeLog changes,
      LinkSettings settings,
      MergeNotices notices) {
    this.store = store;
    this.links = links;
    this.access = access;
    this.changes = changes;
    this.settings = settings;
    this.notices = notices;
  }

  MergeRecord merge(Actor actor, MergeTickets input) {
    String sourceId = Objects.requireNonNull(input.sourceTicketId());
    String targetId = Objects.requireNonNull(input.targetTicketId());
    access.holdInIdOrder(sourceId, targetId);
    // The source decides a refusal on its own; the target is looked at only then.
    TicketRecord source = access.visibleToChange(actor, sourceId, Operation.MERGE_TICKETS);
    LinkWriter.requireStaff(actor, Operation.MERGE_TICKETS, source);
    access.require(actor, Operation.MERGE_TICKETS, source);
    if (sourceId.equals(targetId)) {
      throw ValidationException.of("targetTicketId", "must be another ticket than the source");
    }
    TicketRecord target = access.visibleToChange(actor, targetId, Operation.MERGE_TICKETS);
    access.require(actor, Operation.MERGE_TICKETS, target);
    if (!source.companyId().equals(target.companyId())) {
      throw ValidationException.of(
          "targetTicketId", "must be a ticket of the same company as the source");
    }
    Optional<MergeRecord> targetMerged = links.mergeOf(targetId);
    if (targetMerged.isPresent()) {
      throw ValidationException.of(
          "targetTicketId",
          "is merged into ticket "
              + targetMerged.get().targetTicketId()
              + "; merge into that ticket instead");
    }
    Optional<MergeRecord> sourceMerged = links.mergeOf(sourceId);
    if (sourceMerged.isPresent()) {
      throw ValidationException.of(
          "sourceTicketId", "is already merged into ticket " + sourceMerged.get().targetTicketId());
    }
    if (target.status() == Status.CLOSED || target.status() == Status.CANCELLED) {
      throw ValidationException.of(
          "targetTicketId", "is " + target.status() + "; merge into a ticket that is not");
    }
    if (!settings.mergeTransitions().allows(source.status(), Status.CLOSED)) {
      throw ValidationException.of(
          "sourceTicketId", "is " + source.status() + ", a status tickets are not merged from");
    }
    Instant now = changes.now();
    MergeRecord merge =
        new MergeRecord(
            sourceId,
            targetId,
            actor.id(),
            now,
            source.status(),
            source.resolvedAt(),
            source.closedAt());
    StatusTimestamps times =
        new StatusTimestamps(source.resolvedAt(), source.closedAt()).enter(Status.CLOSED, now);
    TicketRecord closed =
        store.updateTicket(
            source
                .edit()
                .status(Status.CLOSED)
                .resolvedAt(times.resolvedAt())
                .closedAt(times.closedAt())
                .updatedAt(now)
                .build());
    changes.record(
        source,
        closed,
        AuditAction.TICKET_MERGED,
        actor,
        now,
        List.of(
            change("status", source.status(), Status.CLOSED),
            change("mergedInto", null, targetId)));
    TicketRecord touched = store.updateTicket(target.edit().updatedAt(now).build());
    changes.record(
        target,
        touched,
        AuditAction.TICKET_MERGED,
        actor,
        now,
        List.of(change("merged", null, sourceId)));
    if (!links.insertMerge(merge)) {
      throw ValidationException.of("sourceTicketId", "is already merged");
    }
    changes.enqueue(notices.merged(closed, touched, actor, now));
    return merge;
  }

  TicketRecord unmerge(Actor actor, String sourceId) {
    if (IdValidator.isWellFormed(sourceId)) {
      // The merge names the target, which changes too: both are held in the order of their ids.
      links.mergeOf(sourceId).ifPresent(m -> access.holdInIdOrder(sourceId, m.targetTicketId()));
    }
    TicketRecord source = access.visibleToChange(actor, sourceId, Operation.MERGE_TICKETS);
    LinkWriter.requireStaff(actor, Operation.MERGE_TICKETS, source);
    access.require(actor, Operation.MERGE_TICKETS, source);
    MergeRecord merge =
        links
            .mergeOf(sourceId)
            .orElseThrow(() -> ValidationException.of("sourceTicketId", "is not merged"));
    @Nullable TicketRecord target =
        store.findTicketForChange(merge.targetTicketId()).filter(t -> !t.deleted()).orElse(null);
    if (target != null) {
      access.require(actor, Operation.MERGE_TICKETS, target);
    }
    Instant now = changes.now();
    Instant until = merge.mergedAt().plus(settings.unmergeWindow());
    if (now.isAfter(until)) {
      throw ValidationException.of(
          "sourceTicketId",
          "was merged at "
              + merge.mergedAt()
              + "; a merge can be undone for "
              + settings.unmergeWindow()
              + " only");
    }
    if (!links.deleteMerge(sourceId)) {
      throw ValidationException.of("sourceTicketId", "is not merged");
    }
    TicketRecord restored =
        store.updateTicket(
            source
                .edit()
                .status(merge.sourceStatus())
                .resolvedAt(merge.sourceResolvedAt())
                .closedAt(merge.sourceClosedAt())
                .updatedAt(now)
                .build());
    changes.record(
        source,
        restored,
        AuditAction.TICKET_UNMERGED,
        actor,
        now,
        List.of(
            change("status", source.status(), merge.sourceStatus()),
            change("mergedInto", merge.targetTicketId(), null)));
    TicketRecord touched = null;
    if (target != null) {
      touched = store.updateTicket(target.edit().updatedAt(now).build());
      changes.record(
          target,
          touched,
          AuditAction.TICKET_UNMERGED,
          actor,
          now,
          List.of(change("merged", sourceId, null)));
    }
    changes.enqueue(notices.unmerged(restored, touched, actor, now));
    return restored;
  }
}
