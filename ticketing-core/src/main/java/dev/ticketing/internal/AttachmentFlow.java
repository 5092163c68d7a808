package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AttachmentException;
import dev.ticketing.AttachmentView;
import dev.ticketing.AuditAction;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.ConflictException;
import dev.ticketing.NotFoundException;
import dev.ticketing.RequestUpload;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UploadUrl;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files on tickets: an upload URL for a staging object ({@link UploadIssuer}), then a confirmation that checks the upload,
 * copies it under the ticket's prefix and records it; the objects a purge leaves are deleted after
 * it. The sweeper ({@link dev.ticketing.attachment.AttachmentSweeper}) removes what a flow left
 * unfinished.
 */
final class AttachmentFlow {

  // The engine logs under one name, which hosts filter on.
  private static final Logger log = LoggerFactory.getLogger(DefaultTicketService.class);
  private static final Duration CONFIRMATION_LEASE = DefaultTicketService.CONFIRMATION_LEASE;

  private final TicketStore store;
  private final BlobStore blobs;
  private final TicketingOptions options;
  private final Clock clock;
  private final IdGenerator ids;
  private final Access access;
  private final UnitOfWork unit;
  private final ChangeLog changes;
  private final ViewAssembler views;
  private final InputValidator validator = new InputValidator();
  private final SecureRandom random = new SecureRandom();
  private final UploadIssuer uploads;

  AttachmentFlow(
      TicketStore store,
      BlobStore blobs,
      TicketingOptions options,
      Clock clock,
      IdGenerator ids,
      Access access,
      UnitOfWork unit,
      ChangeLog changes,
      ViewAssembler views) {
    this.store = store;
    this.blobs = blobs;
    this.options = options;
    this.clock = clock;
    this.ids = ids;
    this.access = access;
    this.unit = unit;
    this.changes = changes;
    this.views = views;
    this.uploads = new UploadIssuer(store, blobs, options, access, unit, changes, random);
  }

  UploadUrl requestUpload(Actor actor, RequestUpload input) {
    return uploads.request(actor, input);
  }

  /** See {@link DefaultTicketService#confirmAttachment} for the path of a confirmation. */
  AttachmentView confirm(Actor actor, ConfirmAttachment input) {
    validator.check("input", input);
    IdempotencyKeys.Key idempotencyKey = IdempotencyKeys.of(actor, "confirmAttachment", input);
    if (idempotencyKey != null) {
      // A repeat after a lost response: the grant is gone by now, so answer before checking it.
      String first = unit.firstResult(idempotencyKey);
      if (first != null) {
        return replayAttachment(actor, first);
      }
    }
    // Checked before anything is claimed or copied: no database transaction waits on object
    // storage.
    UploadGrant grant = attachable(actor, input, true);
    checkUpload(grant, blobs.head(grant.stagingKey()));
    String claim = UploadIssuer.randomSegment(random);
    Instant claimedAt = changes.now();
    Instant claimedUntil = claimedAt.plus(CONFIRMATION_LEASE);
    if (!unit.transaction(
        () -> store.claimUploadGrant(grant.objectKey(), claim, claimedAt, claimedUntil))) {
      if (store.findUploadGrant(grant.objectKey()).isPresent()) {
        throw ConflictException.conflict(
            "another call is confirming this key; retry",
            new IllegalStateException("upload grant claimed"));
      }
      throw new AttachmentException("key was not issued for this ticket, or was already confirmed");
    }
    Copy copy = Copy.NOT_SENT;
    AttachmentRecord attachment;
    try {
      copy = Copy.IN_FLIGHT;
      Optional<BlobInfo> copied = blobs.copy(grant.stagingKey(), grant.objectKey());
      copy = copied.isPresent() ? Copy.DONE : Copy.NOT_SENT;
      // The object that will be served is the one checked.
      checkUpload(grant, copied);
      if (!clock.instant().isBefore(claimedUntil.minus(CONFIRMATION_LEASE.dividedBy(5)))) {
        throw new StoreUnavailableException(
            "confirming took too long; upload the file again",
            new TimeoutException("copy of an upload outlasted its claim"));
      }
      attachment = unit.write(() -> record(actor, input, grant, claim, idempotencyKey));
    } catch (RuntimeException e) {
      abandon(grant, claim, claimedUntil, copy);
      throw e;
    }
    // Committed: from here on the copy is the file, whatever fails.
    deleteQuietly(List.of(grant.stagingKey()), "staged upload");
    return views.attachment(attachment);
  }

  /** Records a confirmed upload, in the unit of work that consumes its claimed grant. */
  private AttachmentRecord record(
      Actor actor,
      ConfirmAttachment input,
      UploadGrant grant,
      String claim,
      IdempotencyKeys.@Nullable Key idempotencyKey) {
    // Again inside the unit of work: the ticket, the comment or the grant may have moved since.
    // Not its expiry: a claim taken in time may finish (the sweeper waits for the lease). The
    // ticket is held for the change first, so the attachment takes its place in its history.
    TicketRecord t = access.visibleToChange(actor, input.ticketId(), Operation.ATTACH_FILE);
    attachable(actor, input, false);
    CommentRecord comment =
        input.commentId() == null ? null : access.linkableComment(actor, t, input.commentId());
    if (!store.deleteClaimedUploadGrant(grant.objectKey(), claim)) {
      throw new AttachmentException("the upload was withdrawn while it was being confirmed");
    }
    Instant now = changes.now();
    AttachmentRecord a =
        new AttachmentRecord(
            ids.newId(),
            t.id(),
            comment == null ? null : comment.id(),
            comment != null && comment.internal(),
            grant.objectKey(),
            grant.fileName(),
            grant.contentType(),
            grant.fileSize(),
            actor.id(),
            now);
    store.insertAttachment(a);
    if (idempotencyKey != null) {
      unit.save(idempotencyKey, a.ticketId() + " " + a.id());
    }
    // The upload URL may write the staged object again until it expires: delete it then too.
    store.scheduleObjectDeletions(
        List.of(new ObjectDeletion(grant.stagingKey(), latest(now, grant.expiresAt()))));
    changes.record(
        t,
        t,
        AuditAction.ATTACHMENT_ADDED,
        actor,
        now,
        List.of(change("attachmentId", null, a.id()), change("commentId", null, a.commentId())));
    return a;
  }

  /** After a purge committed: deletes its objects now; what fails stays scheduled for the sweeper. */
  void deletePurged(String ticketId, List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    try {
      blobs.delete(keys);
    } catch (RuntimeException e) {
      // The records are gone; the objects are unreachable, and scheduled: the sweeper deletes them.
      log.warn(
          "Purged ticket {} but could not delete its {} objects yet; the attachment sweeper retries",
          ticketId,
          keys.size(),
          e);
    }
  }

  /** How far a confirmation got with its copy when it failed. */
  private enum Copy {
    /** Nothing was written under the object key. */
    NOT_SENT,
    /** The copy was sent and did not answer: it may still complete. */
    IN_FLIGHT,
    /** The copy completed: the object key holds the upload. */
    DONE
  }

  /**
   * After a confirmation failed: removes its copy and releases its claim, so that the call can be
   * repeated. A copy that did not answer may still land, so its claim is kept until the lease runs
   * out (no second copy can race it); past the lease another call may hold the grant, and nothing is
   * touched. Whatever stays behind is named by the grant and swept with it.
   */
  private void abandon(UploadGrant grant, String claim, Instant claimedUntil, Copy copy) {
    if (copy == Copy.IN_FLIGHT || !clock.instant().isBefore(claimedUntil)) {
      log.warn(
          "Confirmation of upload {} failed with its copy unfinished or its claim expired; the grant stays "
              + "claimed until {} and is swept if never confirmed",
          grant.objectKey(),
          claimedUntil);
      return;
    }
    if (copy == Copy.DONE) {
      deleteQuietly(List.of(grant.objectKey()), "copy of a failed confirmation");
    }
    try {
      unit.transaction(() -> store.releaseUploadGrant(grant.objectKey(), claim));
    } catch (RuntimeException e) {
      log.warn(
          "Could not release the claim on upload {}; it ends at {}",
          grant.objectKey(),
          claimedUntil,
          e);
    }
  }

  private void deleteQuietly(List<String> keys, String what) {
    try {
      blobs.delete(keys);
    } catch (RuntimeException e) {
      log.warn("Could not delete {} {} yet; it is deleted when swept", what, keys, e);
    }
  }

  /** The upload's real size and type must be the issued ones. */
  private static void checkUpload(UploadGrant grant, Optional<BlobInfo> found) {
    BlobInfo stored =
        found.orElseThrow(() -> new AttachmentException("nothing was uploaded under this key"));
    if (stored.size() != grant.fileSize()) {
      throw new AttachmentException(
          "uploaded size " + stored.size() + " differs from the issued " + grant.fileSize());
    }
    if (!UploadIssuer.normaliseContentType(stored.contentType()).equals(grant.contentType())) {
      throw new AttachmentException(
          "uploaded content type differs from the issued " + grant.contentType());
    }
  }

  /**
   * The grant of a confirmable upload: visible ticket, permission, open status, issued key (not
   * expired, when {@code checkExpiry}), linkable comment.
   */
  private UploadGrant attachable(Actor actor, ConfirmAttachment input, boolean checkExpiry) {
    TicketRecord t = access.permitted(actor, input.ticketId(), Operation.ATTACH_FILE);
    // Like the upload URL: a ticket closed since the URL was issued takes no more files.
    StatusEffects.requireOpenForComments(t);
    UploadGrant grant = store.findUploadGrant(Objects.requireNonNull(input.key())).orElse(null);
    if (grant == null || !grant.ticketId().equals(t.id())) {
      throw new AttachmentException("key was not issued for this ticket, or was already confirmed");
    }
    if (checkExpiry && !changes.now().isBefore(grant.expiresAt())) {
      throw new AttachmentException(
          "the upload expired at " + grant.expiresAt() + "; request a new upload URL");
    }
    if (input.commentId() != null) {
      access.linkableComment(actor, t, input.commentId());
    }
    return grant;
  }

  /** The attachment a recorded key names ({@code "ticketId attachmentId"}), if the actor may still see it. */
  private AttachmentView replayAttachment(Actor actor, String recorded) {
    int space = recorded.indexOf(' ');
    String ticketId = recorded.substring(0, space);
    String attachmentId = recorded.substring(space + 1);
    TicketRecord t =
        store
            .findTicket(ticketId)
            .orElseThrow(() -> new NotFoundException("attachment", attachmentId));
    boolean internal = access.readsInternalNotes(actor, t);
    AttachmentRecord a =
        access.sees(actor, t)
            ? store.attachments(ticketId, internal).stream()
                .filter(x -> x.id().equals(attachmentId))
                .findFirst()
                .orElse(null)
            : null;
    if (a == null) {
      throw Access.hidden(
          actor, Operation.VIEW_TICKET, "attachment", attachmentId, "(idempotent repeat)");
    }
    return views.attachment(a);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
