package dev.ticketing.jpa;

import dev.ticketing.ConflictException;
import dev.ticketing.TicketingException;
import dev.ticketing.jpa.entity.IdempotencyKeyEntity;
import dev.ticketing.spi.IdempotencyRecord;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/**
 * The idempotency key records of a {@link JpaTicketStore}.
 */
final class JpaIdempotencyKeys {

  private final JpaTicketStore store;

  JpaIdempotencyKeys(JpaTicketStore store) {
    this.store = store;
  }

  Optional<IdempotencyRecord> findIdempotencyKey(String actorId, String key, Instant now) {
    return store.read(
        em ->
            Optional.ofNullable(
                    em.find(IdempotencyKeyEntity.class, new IdempotencyKeyEntity.Key(actorId, key)))
                .map(Mapping::idempotency)
                .filter(r -> !r.expiredAt(now)));
  }

  /**
   * Saves a record.
   *
   * <p>The insert is flushed at once, so that a concurrent first use of the key (which the primary
   * key refuses, after waiting for the other unit of work to commit) fails here, as a {@link
   * ConflictException}.
   */
  void saveIdempotencyKey(IdempotencyRecord record) {
    EntityManager em = store.em();
    // An expired record of the key is replaced. Only one that exists is deleted: a delete that
    // matches no row takes a gap lock on MariaDB, and two first uses of one key, each holding the
    // gap and inserting into it, deadlocked instead of one waiting for the other's commit.
    IdempotencyKeyEntity kept =
        em.find(
            IdempotencyKeyEntity.class,
            new IdempotencyKeyEntity.Key(record.actorId(), record.key()));
    if (kept != null) {
      em.detach(kept);
      em.createQuery(
              "delete from IdempotencyKeyEntity k where k.actorId = :actor and k.key = :key"
                  + " and k.expiresAt <= :now")
          .setParameter("actor", record.actorId())
          .setParameter("key", record.key())
          .setParameter("now", record.createdAt())
          .executeUpdate();
    }
    try {
      em.persist(Mapping.idempotency(record));
      em.flush();
    } catch (RuntimeException e) {
      TicketingException coded = JpaFailures.translate(e);
      throw coded instanceof ConflictException
          ? ConflictException.conflict("idempotency key already recorded", e)
          : coded;
    }
  }

  int purgeIdempotencyKeys(Instant now) {
    return store.read(
        em ->
            em.createQuery("delete from IdempotencyKeyEntity k where k.expiresAt <= :now")
                .setParameter("now", now)
                .executeUpdate());
  }
}
