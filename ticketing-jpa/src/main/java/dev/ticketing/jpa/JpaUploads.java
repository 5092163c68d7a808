package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.ObjectDeletionEntity;
import dev.ticketing.jpa.entity.UploadGrantEntity;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.UploadGrant;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The upload grants, their claims and the scheduled object deletions of a {@link JpaTicketStore}:
 * the store's file-handling capability on its own.
 */
final class JpaUploads {

  private final JpaTicketStore store;

  JpaUploads(JpaTicketStore store) {
    this.store = store;
  }

  void saveUploadGrant(UploadGrant grant) {
    EntityManager em = store.em();
    // A new entity carries no claim: a replaced grant is unclaimed.
    em.merge(Mapping.grant(grant, store.companies().of(em, grant.ticketId())));
  }

  Optional<UploadGrant> findUploadGrant(String objectKey) {
    return store.read(
        em -> Optional.ofNullable(em.find(UploadGrantEntity.class, objectKey)).map(Mapping::grant));
  }

  boolean claimUploadGrant(String objectKey, String claim, Instant now, Instant claimedUntil) {
    EntityManager em = store.em();
    forget(em, UploadGrantEntity.class, objectKey);
    // One statement decides: of two concurrent claims, the second waits for the first's row lock
    // and
    // then no longer matches (PostgreSQL re-checks the condition; InnoDB reads the committed row).
    return em.createQuery(
                "update UploadGrantEntity g set g.claimToken = :c, g.claimedUntil = :until"
                    + " where g.objectKey = :k and (g.claimToken is null or g.claimedUntil <= :now)")
            .setParameter("c", claim)
            .setParameter("until", claimedUntil)
            .setParameter("k", objectKey)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  boolean releaseUploadGrant(String objectKey, String claim) {
    EntityManager em = store.em();
    forget(em, UploadGrantEntity.class, objectKey);
    return em.createQuery(
                "update UploadGrantEntity g set g.claimToken = null, g.claimedUntil = null"
                    + " where g.objectKey = :k and g.claimToken = :c")
            .setParameter("k", objectKey)
            .setParameter("c", claim)
            .executeUpdate()
        == 1;
  }

  boolean deleteClaimedUploadGrant(String objectKey, String claim) {
    EntityManager em = store.em();
    forget(em, UploadGrantEntity.class, objectKey);
    return em.createQuery(
                "delete from UploadGrantEntity g where g.objectKey = :k and g.claimToken = :c")
            .setParameter("k", objectKey)
            .setParameter("c", claim)
            .executeUpdate()
        == 1;
  }

  boolean deleteUploadGrant(String objectKey) {
    EntityManager em = store.em();
    forget(em, UploadGrantEntity.class, objectKey);
    // A bulk delete reports whether this transaction removed the row: two confirmations of one
    // key race here, and the loser sees 0 (or waits for the winner's commit and then sees 0).
    return em.createQuery("delete from UploadGrantEntity g where g.objectKey = :k")
            .setParameter("k", objectKey)
            .executeUpdate()
        == 1;
  }

  List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit) {
    return store.read(
        em ->
            em
                .createQuery(
                    "select g from UploadGrantEntity g where g.expiresAt <= :cutoff"
                        + " order by g.expiresAt, g.objectKey",
                    UploadGrantEntity.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(Mapping::grant)
                .toList());
  }

  // ------------------------------------------------------------------ object deletions

  void scheduleObjectDeletions(Collection<ObjectDeletion> deletions) {
    EntityManager em = store.em();
    for (ObjectDeletion d : deletions) {
      ObjectDeletionEntity e = em.find(ObjectDeletionEntity.class, d.objectKey());
      if (e == null) {
        e = ObjectDeletionEntity.create();
        e.objectKey = d.objectKey();
        e.notBefore = d.notBefore();
        em.persist(e);
      } else if (d.notBefore().isAfter(e.notBefore)) {
        e.notBefore = d.notBefore();
      }
    }
  }

  List<ObjectDeletion> dueObjectDeletions(Instant now, int limit) {
    return store.read(
        em ->
            em
                .createQuery(
                    "select d from ObjectDeletionEntity d where d.notBefore <= :now"
                        + " order by d.notBefore, d.objectKey",
                    ObjectDeletionEntity.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(d -> new ObjectDeletion(d.objectKey, d.notBefore))
                .toList());
  }

  int cancelObjectDeletions(Collection<String> objectKeys) {
    List<String> keys = List.copyOf(new LinkedHashSet<>(objectKeys));
    if (keys.isEmpty()) {
      return 0;
    }
    EntityManager em = store.em();
    em.flush();
    keys.forEach(k -> detachIfManaged(em, ObjectDeletionEntity.class, k));
    return em.createQuery("delete from ObjectDeletionEntity d where d.objectKey in :keys")
        .setParameter("keys", keys)
        .executeUpdate();
  }

  /**
   * Before a bulk statement on a row: writes what the unit of work holds, then lets go of the row's
   * entity, which the statement would leave stale.
   */
  private static void forget(EntityManager em, Class<?> entity, String id) {
    em.flush();
    detachIfManaged(em, entity, id);
  }

  /**
   * Detaches the row's entity if the unit of work holds it, without reading anything: a lookup in
   * the persistence context, as the store's entities have no proxies to hand out as references.
   */
  private static void detachIfManaged(EntityManager em, Class<?> entity, String id) {
    SessionImplementor session = em.unwrap(SessionImplementor.class);
    EntityPersister persister =
        session.getFactory().getMappingMetamodel().getEntityDescriptor(entity);
    Object managed =
        session.getPersistenceContextInternal().getEntity(session.generateEntityKey(id, persister));
    if (managed != null) {
      em.detach(managed);
    }
  }
}
