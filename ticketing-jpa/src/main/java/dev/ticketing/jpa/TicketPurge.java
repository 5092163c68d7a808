package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.UploadGrantEntity;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.UploadGrant;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Erasing a ticket and every row of it, for {@link JpaTicketStore#purgeTicket}. */
final class TicketPurge {
  private TicketPurge() {}

  static PurgedTicket purge(EntityManager em, String ticketId, String companyId) {
    List<String> keys =
        em.createQuery(
                "select a.objectKey from AttachmentEntity a where a.companyId = :company"
                    + " and a.ticketId = :id",
                String.class)
            .setParameter("company", companyId)
            .setParameter("id", ticketId)
            .getResultList();
    // Locked, in the sweeper's order: a grant a sweeper takes at the same moment is either waited
    // for (and then gone from this result) or not taken by the sweeper.
    List<UploadGrant> grants =
        em
            .createQuery(
                "select g from UploadGrantEntity g where g.companyId = :company"
                    + " and g.ticketId = :id order by g.expiresAt, g.objectKey",
                UploadGrantEntity.class)
            .setParameter("company", companyId)
            .setParameter("id", ticketId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()
            .stream()
            .map(Mapping::grant)
            .toList();
    // Element collections are not touched by bulk deletes: remove them first, then the rows.
    em.createNativeQuery(
            "delete from ticketing_outbox_data where notification_id in"
                + " (select id from ticketing_outbox where ticket_id = ?1)")
        .setParameter(1, ticketId)
        .executeUpdate();
    em.createNativeQuery(
            "delete from ticketing_audit_change where company_id = ?1 and entry_id in"
                + " (select id from ticketing_audit_entry where company_id = ?1 and ticket_id = ?2)")
        .setParameter(1, companyId)
        .setParameter(2, ticketId)
        .executeUpdate();
    // The outbox is the dispatchers' queue, not a row of the ticket: it carries no company.
    em.createQuery("delete from OutboxEntity x where x.ticketId = :id")
        .setParameter("id", ticketId)
        .executeUpdate();
    for (String entity :
        List.of(
            "AuditEntryEntity",
            "AttachmentEntity",
            "UploadGrantEntity",
            "TicketTagEntity",
            "TicketFieldEntity",
            "CommentEntity")) {
      em.createQuery(
              "delete from " + entity + " x where x.companyId = :company and x.ticketId = :id")
          .setParameter("company", companyId)
          .setParameter("id", ticketId)
          .executeUpdate();
    }
    em.createQuery("delete from TicketEntity t where t.companyId = :company and t.id = :id")
        .setParameter("company", companyId)
        .setParameter("id", ticketId)
        .executeUpdate();
    em.clear(); // bulk statements bypass the persistence context; drop anything it still holds
    return new PurgedTicket(keys, grants);
  }
}
