package dev.ticketing.tck;

import dev.ticketing.AuditEntry;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Records as a store keeps them: instants at microsecond precision, what SQL timestamp columns
 * hold. The contracts compare what a store returns with what they wrote through these.
 *
 * @since 0.1.0
 */
public abstract class MicrosecondRecords {

  /** For the contracts, which extend it. */
  protected MicrosecondRecords() {}

  /** The instant at microsecond precision, what SQL timestamp columns keep. */
  protected static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  protected static @Nullable Instant microsOrNull(@Nullable Instant i) {
    return i == null ? null : micros(i);
  }

  protected static TicketRecord normalized(TicketRecord t) {
    return new TicketRecord(
        t.id(),
        t.companyId(),
        t.createdBy(),
        t.title(),
        t.description(),
        t.status(),
        t.priority(),
        t.category(),
        t.assigneeId(),
        micros(t.createdAt()),
        micros(t.updatedAt()),
        microsOrNull(t.resolvedAt()),
        microsOrNull(t.closedAt()),
        microsOrNull(t.deletedAt()),
        t.deletedBy(),
        t.statusBeforeDelete(),
        t.version(),
        t.requesterId(),
        t.tags(),
        t.followerIds(),
        t.ccIds(),
        t.fields());
  }

  protected static CommentRecord normalized(CommentRecord c) {
    return new CommentRecord(
        c.id(),
        c.ticketId(),
        c.authorId(),
        c.content(),
        c.internal(),
        c.externalId(),
        micros(c.createdAt()),
        micros(c.updatedAt()));
  }

  protected static AttachmentRecord normalized(AttachmentRecord a) {
    return new AttachmentRecord(
        a.id(),
        a.ticketId(),
        a.commentId(),
        a.internal(),
        a.objectKey(),
        a.fileName(),
        a.contentType(),
        a.fileSize(),
        a.uploadedBy(),
        micros(a.createdAt()));
  }

  protected static UploadGrant normalized(UploadGrant g) {
    return new UploadGrant(
        g.objectKey(),
        g.stagingKey(),
        g.ticketId(),
        g.issuedTo(),
        g.fileName(),
        g.contentType(),
        g.fileSize(),
        micros(g.issuedAt()),
        micros(g.expiresAt()));
  }

  protected static ObjectDeletion normalized(ObjectDeletion d) {
    return new ObjectDeletion(d.objectKey(), micros(d.notBefore()));
  }

  protected static AuditEntry normalized(AuditEntry e) {
    return new AuditEntry(
        e.id(), e.ticketId(), e.action(), e.actorId(), e.actorRole(), micros(e.at()), e.changes());
  }

  protected static Activity normalized(Activity a) {
    return new Activity(
        a.publicComments(),
        a.allComments(),
        a.publicAttachments(),
        a.allAttachments(),
        microsOrNull(a.lastPublicCommentAt()),
        microsOrNull(a.lastCommentAt()));
  }

  protected static List<CommentRecord> normalizedComments(List<CommentRecord> comments) {
    return comments.stream().map(MicrosecondRecords::normalized).toList();
  }

  protected static List<AttachmentRecord> normalizedAttachments(
      List<AttachmentRecord> attachments) {
    return attachments.stream().map(MicrosecondRecords::normalized).toList();
  }

  protected static List<AuditEntry> normalizedHistory(List<AuditEntry> history) {
    return history.stream().map(MicrosecondRecords::normalized).toList();
  }
}
