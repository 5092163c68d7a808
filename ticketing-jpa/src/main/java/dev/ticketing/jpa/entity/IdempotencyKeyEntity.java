package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Row of {@code ticketing_idempotency_key}: a client's idempotency key, unique per actor (the
 * primary key), with the fingerprint of the input it came with and the result of its write.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_idempotency_key")
@IdClass(IdempotencyKeyEntity.Key.class)
public class IdempotencyKeyEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private IdempotencyKeyEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static IdempotencyKeyEntity create() {
    return new IdempotencyKeyEntity();
  }

  /** Column {@code actor_id}. */
  @Id
  @Column(name = "actor_id", length = 128)
  public String actorId = "";

  /** Column {@code idem_key}. */
  @Id
  @Column(name = "idem_key", length = 255)
  public String key = "";

  /** Column {@code operation}. */
  @Column(name = "operation", length = 64, nullable = false)
  public String operation = "";

  /** Column {@code fingerprint}. */
  @Column(name = "fingerprint", length = 64, nullable = false)
  public String fingerprint = "";

  /** Ids and outcome names only: ASCII, at most about 15,000 characters (a bulk resolve of 100). */
  @Column(name = "result", length = 16_000, nullable = false)
  public String result = "";

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;

  /** Column {@code expires_at}. */
  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt = Instant.EPOCH;

  /** The primary key: actor and key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key part {@code actorId}, as in the entity. */
    public String actorId = "";

    /** The key part {@code key}, as in the entity. */
    public String key = "";

    /** An empty key, for the persistence provider. */
    public Key() {}

    /**
     * The key of these parts.
     *
     * @param actorId the {@code actorId} part
     * @param key the {@code key} part
     */
    public Key(String actorId, String key) {
      this.actorId = actorId;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.actorId.equals(actorId) && k.key.equals(key);
    }

    @Override
    public int hashCode() {
      return Objects.hash(actorId, key);
    }
  }
}
