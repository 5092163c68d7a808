package dev.ticketing.jpa;

import dev.ticketing.AuditEntry;
import dev.ticketing.jpa.entity.AttachmentEntity;
import dev.ticketing.jpa.entity.AuditEntryEntity;
import dev.ticketing.jpa.entity.CommentEntity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The reads of one ticket's rows for {@link JpaTicketStore}: its conversation, attachments and
 * history, each one statement naming the ticket's company and id, so that a database distributed
 * or partitioned by company answers it from one shard or partition.
 */
final class TicketRowReads {
  private TicketRowReads() {}

  static List<CommentRecord> comments(
      EntityManager em, String companyId, String ticketId, boolean includeInternal) {
    return em
        .createQuery(
            "select c from CommentEntity c where c.companyId = :company and c.ticketId = :id"
                + (includeInternal ? "" : " and c.internal = false")
                + " order by c.createdAt, c.id",
            CommentEntity.class)
        .setParameter("company", companyId)
        .setParameter("id", ticketId)
        .getResultList()
        .stream()
        .map(Mapping::comment)
        .toList();
  }

  static List<AttachmentRecord> attachments(
      EntityManager em, String companyId, String ticketId, boolean includeInternal) {
    return em
        .createQuery(
            "select a from AttachmentEntity a where a.companyId = :company and a.ticketId = :id"
                + (includeInternal ? "" : " and a.internal = false")
                + " order by a.createdAt, a.id",
            AttachmentEntity.class)
        .setParameter("company", companyId)
        .setParameter("id", ticketId)
        .getResultList()
        .stream()
        .map(Mapping::attachment)
        .toList();
  }

  /** Oldest first; entries of one instant in the order they were appended. */
  static List<AuditEntry> history(EntityManager em, String companyId, String ticketId) {
    return em
        .createQuery(
            "select distinct e from AuditEntryEntity e left join fetch e.changes"
                + " where e.companyId = :company and e.ticketId = :id"
                + " order by e.createdAt, e.seq",
            AuditEntryEntity.class)
        .setParameter("company", companyId)
        .setParameter("id", ticketId)
        .getResultList()
        .stream()
        .map(Mapping::audit)
        .toList();
  }
}
