package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.OutboxEntity;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The durable outbox: rows of {@code ticketing_outbox} written in the change's transaction.
 *
 * <p>A claim selects due rows {@code FOR UPDATE SKIP LOCKED} (PostgreSQL, MariaDB 10.6+) and writes
 * a lease on them before committing, so concurrent dispatchers, in this process or in others,
 * never take the same row; a dispatcher that dies leaves its lease to expire. Outcome updates
 * check the lease owner, so a dispatcher that lost its lease cannot overwrite the new holder's
 * result.
 */
final class JpaOutboxStore implements OutboxStore {
  /** Hibernate's lock-timeout value meaning SKIP LOCKED. */
  private static final int SKIP_LOCKED = -2;

  private final JpaTicketStore store;

  JpaOutboxStore(JpaTicketStore store) {
    this.store = store;
  }

  @Override
  public List<OutboxEntry> claimDue(String owner, Instant now, Duration lease, int max) {
    return store.read(em -> {
      List<String> ids = em.createQuery("select o.id from OutboxEntity o where o.state = 'PENDING'"
                  + " and o.nextAttemptAt <= :now and (o.leaseUntil is null or o.leaseUntil <= :now)"
                  + " order by o.nextAttemptAt, o.id", String.class)
          .setParameter("now", now)
          .setMaxResults(max)
          .setLockMode(LockModeType.PESSIMISTIC_WRITE)
          .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
          .getResultList();
      if (ids.isEmpty()) {
        return List.of();
      }
      em.createQuery("update OutboxEntity o set o.leaseOwner = :owner, o.leaseUntil = :until where o.id in :ids")
          .setParameter("owner", owner)
          .setParameter("until", now.plus(lease))
          .setParameter("ids", ids)
          .executeUpdate();
      em.clear();
      return JpaTicketStore.withData(em, ids).stream().map(Mapping::outbox).toList();
    });
  }

  @Override
  public boolean markDelivered(String notificationId, String owner, Instant now) {
    return store.read(em -> em.createQuery("update OutboxEntity o set o.state = 'DELIVERED', o.deliveredAt = :now,"
                + " o.attempts = o.attempts + 1, o.leaseOwner = null, o.leaseUntil = null"
                + " where o.id = :id and o.leaseOwner = :owner and o.state = 'PENDING'")
        .setParameter("now", now)
        .setParameter("id", notificationId)
        .setParameter("owner", owner)
        .executeUpdate() == 1);
  }

  @Override
  public boolean markFailed(String notificationId, String owner, int attempts, @Nullable Instant retryAt, String error) {
    String truncated = error.length() > 2000 ? error.substring(0, 2000) : error;
    return store.read(em -> {
      var q = em.createQuery("update OutboxEntity o set o.state = :state, o.attempts = :attempts,"
              + (retryAt == null ? "" : " o.nextAttemptAt = :retryAt,")
              + " o.lastError = :error, o.leaseOwner = null, o.leaseUntil = null"
              + " where o.id = :id and o.leaseOwner = :owner and o.state = 'PENDING'")
          .setParameter("state", (retryAt == null ? OutboxState.DEAD : OutboxState.PENDING).name())
          .setParameter("attempts", attempts)
          .setParameter("error", truncated)
          .setParameter("id", notificationId)
          .setParameter("owner", owner);
      if (retryAt != null) {
        q.setParameter("retryAt", retryAt);
      }
      return q.executeUpdate() == 1;
    });
  }

  @Override
  public List<OutboxEntry> deadLetters(int limit) {
    return store.read(em -> {
      List<String> ids = em.createQuery("select o.id from OutboxEntity o where o.state = 'DEAD'"
              + " order by o.nextAttemptAt, o.id", String.class)
          .setMaxResults(limit)
          .getResultList();
      return JpaTicketStore.withData(em, ids).stream().map(Mapping::outbox).toList();
    });
  }

  @Override
  public boolean redrive(String notificationId, Instant now) {
    return store.read(em -> em.createQuery("update OutboxEntity o set o.state = 'PENDING', o.attempts = 0,"
                + " o.nextAttemptAt = :now, o.leaseOwner = null, o.leaseUntil = null"
                + " where o.id = :id and o.state = 'DEAD'")
        .setParameter("now", now)
        .setParameter("id", notificationId)
        .executeUpdate() == 1);
  }

  @Override
  public int redriveAll(Instant now) {
    return store.read(em -> em.createQuery("update OutboxEntity o set o.state = 'PENDING', o.attempts = 0,"
                + " o.nextAttemptAt = :now, o.leaseOwner = null, o.leaseUntil = null where o.state = 'DEAD'")
        .setParameter("now", now)
        .executeUpdate());
  }

  @Override
  public long pendingCount() {
    return count(OutboxState.PENDING);
  }

  @Override
  public long deadCount() {
    return count(OutboxState.DEAD);
  }

  private long count(OutboxState state) {
    return store.read(em -> em.createQuery("select count(o) from OutboxEntity o where o.state = :s", Long.class)
        .setParameter("s", state.name())
        .getSingleResult());
  }

  @Override
  public int purgeDelivered(Instant before) {
    return store.read(em -> {
      em.createNativeQuery("delete from ticketing_outbox_data where notification_id in"
              + " (select id from ticketing_outbox where state = 'DELIVERED' and delivered_at < ?1)")
          .setParameter(1, before)
          .executeUpdate();
      return em.createQuery("delete from OutboxEntity o where o.state = 'DELIVERED' and o.deliveredAt < :before")
          .setParameter("before", before)
          .executeUpdate();
    });
  }
}
