package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.TicketTagEntity;
import dev.ticketing.spi.TicketRecord;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of {@code ticketing_ticket_tag}, kept equal to the tags of their ticket's row in the same
 * unit of work: they exist for the indexes a tags filter walks. Each repeats its ticket's creation
 * time and company, which never change, so the rows a ticket keeps stay right, and its requester,
 * which the rows are given again when it changes.
 */
final class TagRows {
  private TagRows() {}

  static void insert(
      EntityManager em,
      String ticketId,
      String companyId,
      String requesterId,
      Instant createdAt,
      Collection<String> tags) {
    for (String tag : tags) {
      TicketTagEntity row = TicketTagEntity.create();
      row.ticketId = ticketId;
      row.companyId = companyId;
      row.requesterId = requesterId;
      row.tag = tag;
      row.createdAt = createdAt;
      em.persist(row);
    }
  }

  /**
   * Deletes the tags {@code before} had and {@code after} has not, inserts the new ones, and gives
   * the rows kept a new requester.
   */
  static void replace(EntityManager em, TicketRecord before, TicketRecord after) {
    if (!before.requesterId().equals(after.requesterId()) && !before.tags().isEmpty()) {
      em.createQuery(
              "update TicketTagEntity g set g.requesterId = :requester"
                  + " where g.companyId = :company and g.ticketId = :id")
          .setParameter("requester", after.requesterId())
          .setParameter("company", after.companyId())
          .setParameter("id", after.id())
          .executeUpdate();
    }
    if (before.tags().equals(after.tags())) {
      return;
    }
    Set<String> removed = new HashSet<>(before.tags());
    removed.removeAll(after.tags());
    Set<String> added = new HashSet<>(after.tags());
    added.removeAll(before.tags());
    if (!removed.isEmpty()) {
      em.createQuery(
              "delete from TicketTagEntity g where g.companyId = :company and g.ticketId = :id"
                  + " and g.tag in :tags")
          .setParameter("company", after.companyId())
          .setParameter("id", after.id())
          .setParameter("tags", List.copyOf(removed))
          .executeUpdate();
    }
    insert(em, after.id(), after.companyId(), after.requesterId(), before.createdAt(), added);
  }
}
