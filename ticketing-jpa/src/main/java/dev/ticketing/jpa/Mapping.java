package dev.ticketing.jpa;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.FieldChange;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.jpa.entity.AttachmentEntity;
import dev.ticketing.jpa.entity.AuditEntryEntity;
import dev.ticketing.jpa.entity.CommentEntity;
import dev.ticketing.jpa.entity.FieldChangeValue;
import dev.ticketing.jpa.entity.IdempotencyKeyEntity;
import dev.ticketing.jpa.entity.OutboxEntity;
import dev.ticketing.jpa.entity.TicketEntity;
import dev.ticketing.jpa.entity.UploadGrantEntity;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;

/** Between domain records and entities. Enums travel by name. */
final class Mapping {
  private Mapping() {}

  static TicketRecord ticket(TicketEntity e) {
    return new TicketRecord(
        e.id,
        e.companyId,
        e.createdBy,
        e.title,
        e.description,
        Status.valueOf(e.status),
        Priority.valueOf(e.priority),
        Category.of(e.category),
        e.assigneeId,
        e.createdAt,
        e.updatedAt,
        e.resolvedAt,
        e.closedAt,
        e.deletedAt,
        e.deletedBy,
        e.statusBeforeDelete == null ? null : Status.valueOf(e.statusBeforeDelete),
        e.version,
        e.requesterId,
        DelimitedList.decode(e.tags),
        DelimitedList.decode(e.followerIds),
        DelimitedList.decode(e.ccIds),
        FieldValuesColumn.decode(e.fieldValues));
  }

  /** Copies every mutable field; id, company, creator, creation time and version are not touched. */
  static void copyInto(TicketRecord t, TicketEntity e) {
    e.title = t.title();
    e.description = t.description();
    e.status = t.status().name();
    e.priority = t.priority().name();
    e.category = t.category().name();
    e.assigneeId = t.assigneeId();
    e.updatedAt = t.updatedAt();
    e.resolvedAt = t.resolvedAt();
    e.closedAt = t.closedAt();
    e.deletedAt = t.deletedAt();
    e.deletedBy = t.deletedBy();
    e.statusBeforeDelete = t.statusBeforeDelete() == null ? null : t.statusBeforeDelete().name();
    e.requesterId = t.requesterId();
    e.tags = DelimitedList.encode(t.tags());
    e.followerIds = DelimitedList.encode(t.followerIds());
    e.ccIds = DelimitedList.encode(t.ccIds());
    e.fieldValues = FieldValuesColumn.encode(t.fields());
  }

  static TicketEntity newTicket(TicketRecord t) {
    TicketEntity e = TicketEntity.create();
    e.id = t.id();
    e.companyId = t.companyId();
    e.createdBy = t.createdBy();
    e.createdAt = t.createdAt();
    e.version = t.version();
    copyInto(t, e);
    return e;
  }

  static CommentRecord comment(CommentEntity e) {
    return new CommentRecord(
        e.id,
        e.ticketId,
        e.authorId,
        e.content,
        e.internal,
        e.externalId,
        e.createdAt,
        e.updatedAt);
  }

  static CommentEntity comment(CommentRecord c, String companyId) {
    CommentEntity e = CommentEntity.create();
    e.id = c.id();
    e.ticketId = c.ticketId();
    e.companyId = companyId;
    e.authorId = c.authorId();
    e.content = c.content();
    e.internal = c.internal();
    e.externalId = c.externalId();
    e.createdAt = c.createdAt();
    e.updatedAt = c.updatedAt();
    return e;
  }

  static AttachmentRecord attachment(AttachmentEntity e) {
    return new AttachmentRecord(
        e.id,
        e.ticketId,
        e.commentId,
        e.internal,
        e.objectKey,
        e.fileName,
        e.contentType,
        e.fileSize,
        e.uploadedBy,
        e.createdAt);
  }

  static AttachmentEntity attachment(AttachmentRecord a, String companyId) {
    AttachmentEntity e = AttachmentEntity.create();
    e.id = a.id();
    e.ticketId = a.ticketId();
    e.companyId = companyId;
    e.commentId = a.commentId();
    e.internal = a.internal();
    e.objectKey = a.objectKey();
    e.fileName = a.fileName();
    e.contentType = a.contentType();
    e.fileSize = a.fileSize();
    e.uploadedBy = a.uploadedBy();
    e.createdAt = a.createdAt();
    return e;
  }

  static UploadGrant grant(UploadGrantEntity e) {
    return new UploadGrant(
        e.objectKey,
        e.stagingKey,
        e.ticketId,
        e.issuedTo,
        e.fileName,
        e.contentType,
        e.fileSize,
        e.issuedAt,
        e.expiresAt);
  }

  static UploadGrantEntity grant(UploadGrant g, String companyId) {
    UploadGrantEntity e = UploadGrantEntity.create();
    e.objectKey = g.objectKey();
    e.stagingKey = g.stagingKey();
    e.ticketId = g.ticketId();
    e.companyId = companyId;
    e.issuedTo = g.issuedTo();
    e.fileName = g.fileName();
    e.contentType = g.contentType();
    e.fileSize = g.fileSize();
    e.issuedAt = g.issuedAt();
    e.expiresAt = g.expiresAt();
    return e;
  }

  static AuditEntry audit(AuditEntryEntity e) {
    List<FieldChange> changes =
        e.changes.stream().map(c -> new FieldChange(c.field, c.oldValue, c.newValue)).toList();
    return new AuditEntry(
        e.id,
        e.ticketId,
        AuditAction.valueOf(e.action),
        e.actorId,
        Role.valueOf(e.actorRole),
        e.createdAt,
        changes);
  }

  static AuditEntryEntity audit(AuditEntry a, String companyId) {
    AuditEntryEntity e = AuditEntryEntity.create();
    e.id = a.id();
    e.ticketId = a.ticketId();
    e.companyId = companyId;
    e.action = a.action().name();
    e.actorId = a.actorId();
    e.actorRole = a.actorRole().name();
    e.createdAt = a.at();
    for (FieldChange c : a.changes()) {
      FieldChangeValue v = new FieldChangeValue();
      v.companyId = companyId;
      v.field = c.field();
      v.oldValue = c.oldValue();
      v.newValue = c.newValue();
      e.changes.add(v);
    }
    return e;
  }

  static OutboxEntity outbox(OutboxEntry entry) {
    NotificationRequest r = entry.request();
    OutboxEntity e = OutboxEntity.create();
    e.id = entry.id();
    e.channel = entry.channel();
    e.notificationId = r.id();
    e.recipients =
        r.recipients().isEmpty()
            ? null
            : r.recipients().stream().map(Recipient::token).collect(Collectors.joining(" "));
    e.recipientId = entry.recipientId();
    e.template = r.template().name();
    e.ticketId = r.ticketId();
    e.commentId = r.commentId();
    e.actorId = r.actorId();
    e.occurredAt = r.occurredAt();
    e.state = entry.state().name();
    e.attempts = entry.attempts();
    e.nextAttemptAt = entry.nextAttemptAt();
    e.lastError = entry.lastError();
    e.data = new HashMap<>(r.data());
    return e;
  }

  static OutboxEntry outbox(OutboxEntity e) {
    List<Recipient> recipients =
        e.recipients == null || e.recipients.isBlank()
            ? List.of()
            : Arrays.stream(e.recipients.trim().split(" +")).map(Recipient::parse).toList();
    NotificationRequest r =
        new NotificationRequest(
            e.notificationId != null ? e.notificationId : e.id,
            new NotificationTemplate(e.template),
            recipients,
            e.ticketId,
            e.commentId,
            e.actorId,
            e.occurredAt,
            e.data);
    return new OutboxEntry(
        e.id,
        e.channel,
        r,
        e.recipientId,
        OutboxState.valueOf(e.state),
        e.attempts,
        e.nextAttemptAt,
        e.lastError);
  }

  static IdempotencyKeyEntity idempotency(IdempotencyRecord r) {
    IdempotencyKeyEntity e = IdempotencyKeyEntity.create();
    e.actorId = r.actorId();
    e.key = r.key();
    e.operation = r.operation();
    e.fingerprint = r.fingerprint();
    e.result = r.result();
    e.createdAt = r.createdAt();
    e.expiresAt = r.expiresAt();
    return e;
  }

  static IdempotencyRecord idempotency(IdempotencyKeyEntity e) {
    return new IdempotencyRecord(
        e.actorId, e.key, e.operation, e.fingerprint, e.result, e.createdAt, e.expiresAt);
  }
}
