package dev.ticketing.jpa;

import dev.ticketing.jpa.entity.OutboxEntity;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The durable outbox: rows of {@code ticketing_outbox} — requests written in the change's
 * transaction, and the deliveries (one per notification and channel) that resolving them adds.
 *
 * <p>A claim selects due rows of the served channels {@code FOR UPDATE SKIP LOCKED} (PostgreSQL,
 * MariaDB 10.6+) and writes a lease on them before committing, so concurrent dispatchers, in this
 * process or in others, never take the same row; a dispatcher that dies leaves its lease to expire.
 * Outcome updates check the lease owner, so a dispatcher that lost its lease cannot overwrite the
 * new holder's result.
 */
final class JpaOutboxStore implements OutboxStore {
  /** Hibernate's lock-timeout value meaning SKIP LOCKED. */
  private static final int SKIP_LOCKED = -2;

  private final JpaTicketStore store;

  JpaOutboxStore(JpaTicketStore store) {
    this.store = store;
  }

  @Override
  public List<OutboxEntry> claimDue(
      String owner, Instant now, Duration lease, int max, Collection<String> channels) {
    if (channels.isEmpty()) {
      return List.of();
    }
    return store.read(
        em -> {
          List<String> ids =
              em.createQuery(
                      "select o.id from OutboxEntity o where o.state = 'PENDING'"
                          + " and o.channel in :channels and o.nextAttemptAt <= :now"
                          + " and (o.leaseUntil is null or o.leaseUntil <= :now)"
                          + " order by o.nextAttemptAt, o.id",
                      String.class)
                  .setParameter("channels", List.copyOf(channels))
                  .setParameter("now", now)
                  .setMaxResults(max)
                  .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                  .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                  .getResultList();
          if (ids.isEmpty()) {
            return List.of();
          }
          em.createQuery(
                  "update OutboxEntity o set o.leaseOwner = :owner, o.leaseUntil = :until where o.id in :ids")
              .setParameter("owner", owner)
              .setParameter("until", now.plus(lease))
              .setParameter("ids", ids)
              .executeUpdate();
          em.clear();
          return withData(em, ids).stream().map(Mapping::outbox).toList();
        });
  }

  @Override
  public boolean markDelivered(String entryId, String owner, Instant now) {
    return store.read(em -> delivered(em, entryId, owner, now));
  }

  private static boolean delivered(EntityManager em, String entryId, String owner, Instant now) {
    return em.createQuery(
                "update OutboxEntity o set o.state = 'DELIVERED', o.deliveredAt = :now,"
                    + " o.attempts = o.attempts + 1, o.leaseOwner = null, o.leaseUntil = null"
                    + " where o.id = :id and o.leaseOwner = :owner and o.state = 'PENDING'")
            .setParameter("now", now)
            .setParameter("id", entryId)
            .setParameter("owner", owner)
            .executeUpdate()
        == 1;
  }

  @Override
  public boolean markFailed(
      String entryId, String owner, int attempts, @Nullable Instant retryAt, String error) {
    String truncated = error.length() > 2000 ? error.substring(0, 2000) : error;
    return store.read(
        em -> {
          var q =
              em.createQuery(
                      "update OutboxEntity o set o.state = :state, o.attempts = :attempts,"
                          + (retryAt == null ? "" : " o.nextAttemptAt = :retryAt,")
                          + " o.lastError = :error, o.leaseOwner = null, o.leaseUntil = null"
                          + " where o.id = :id and o.leaseOwner = :owner and o.state = 'PENDING'")
                  .setParameter(
                      "state", (retryAt == null ? OutboxState.DEAD : OutboxState.PENDING).name())
                  .setParameter("attempts", attempts)
                  .setParameter("error", truncated)
                  .setParameter("id", entryId)
                  .setParameter("owner", owner);
          if (retryAt != null) {
            q.setParameter("retryAt", retryAt);
          }
          return q.executeUpdate() == 1;
        });
  }

  @Override
  public boolean markResolved(
      String entryId, String owner, Instant now, List<OutboxEntry> deliveries) {
    return store.read(
        em -> {
          // The lease check first: a dispatcher that lost the request adds nothing.
          if (!delivered(em, entryId, owner, now)) {
            return false;
          }
          deliveries.forEach(d -> em.persist(Mapping.outbox(d)));
          em.flush();
          return true;
        });
  }

  @Override
  public List<OutboxEntry> list(OutboxState state, @Nullable String channel, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return store.read(
        em -> {
          TypedQuery<String> q =
              em.createQuery(
                      "select o.id from OutboxEntity o where o.state = :state"
                          + (channel == null ? "" : " and o.channel = :channel")
                          + " order by o.occurredAt, o.id",
                      String.class)
                  .setParameter("state", state.name())
                  .setMaxResults(limit);
          if (channel != null) {
            q.setParameter("channel", channel);
          }
          List<String> ids = q.getResultList();
          return withData(em, ids).stream()
              .map(Mapping::outbox)
              .sorted(
                  Comparator.comparing((OutboxEntry e) -> e.request().occurredAt())
                      .thenComparing(OutboxEntry::id))
              .toList();
        });
  }

  @Override
  public boolean redrive(String entryId, Instant now) {
    return store.read(
        em ->
            em.createQuery(
                        "update OutboxEntity o set o.state = 'PENDING', o.attempts = 0,"
                            + " o.nextAttemptAt = :now, o.leaseOwner = null, o.leaseUntil = null"
                            + " where o.id = :id and o.state = 'DEAD'")
                    .setParameter("now", now)
                    .setParameter("id", entryId)
                    .executeUpdate()
                == 1);
  }

  @Override
  public int redriveAll(@Nullable String channel, Instant now) {
    return store.read(
        em -> {
          var q =
              em.createQuery(
                      "update OutboxEntity o set o.state = 'PENDING', o.attempts = 0,"
                          + " o.nextAttemptAt = :now, o.leaseOwner = null, o.leaseUntil = null where o.state = 'DEAD'"
                          + (channel == null ? "" : " and o.channel = :channel"))
                  .setParameter("now", now);
          if (channel != null) {
            q.setParameter("channel", channel);
          }
          return q.executeUpdate();
        });
  }

  @Override
  public Map<String, Long> count(OutboxState state) {
    return store.read(
        em -> {
          Map<String, Long> out = new TreeMap<>();
          em.createQuery(
                  "select o.channel, count(o) from OutboxEntity o where o.state = :s group by o.channel",
                  Object[].class)
              .setParameter("s", state.name())
              .getResultList()
              .forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
          return out;
        });
  }

  @Override
  public int purgeDelivered(Instant before) {
    return store.read(
        em -> {
          em.createNativeQuery(
                  "delete from ticketing_outbox_data where notification_id in"
                      + " (select id from ticketing_outbox where state = 'DELIVERED' and delivered_at < ?1)")
              .setParameter(1, before)
              .executeUpdate();
          return em.createQuery(
                  "delete from OutboxEntity o where o.state = 'DELIVERED' and o.deliveredAt < :before")
              .setParameter("before", before)
              .executeUpdate();
        });
  }

  /** Loads outbox rows with their data in one statement. */
  static List<OutboxEntity> withData(EntityManager em, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select distinct o from OutboxEntity o left join fetch o.data where o.id in :ids"
                + " order by o.nextAttemptAt, o.id",
            OutboxEntity.class)
        .setParameter("ids", ids)
        .getResultList();
  }
}
