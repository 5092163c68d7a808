package dev.ticketing.jpa.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_outbox}: a notification request whose recipients are still to be resolved
 * ({@code channel = 'recipients'}, the recipients as tokens in {@code recipients}), or one
 * notification's delivery through one channel ({@code recipient_id} set), with its delivery state.
 * A dispatcher holds a row while {@code leaseOwner} names it and {@code leaseUntil} is in the
 * future.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_outbox")
public class OutboxEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private OutboxEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static OutboxEntity create() {
    return new OutboxEntity();
  }

  /** Column {@code id}. */
  @Id
  @Column(name = "id", length = 128)
  public String id = "";

  /** Column {@code template}. */
  @Column(name = "template", length = 100, nullable = false)
  public String template = "";

  /** The channel delivering it, or {@code recipients} for a request. */
  @Column(name = "channel", length = 64, nullable = false)
  public String channel = "";

  /** A delivery's notification id, or a request's own id; null (= {@link #id}) on rows written by hand. */
  @Column(name = "notification_id", length = 128)
  public @Nullable String notificationId;

  /** A request's recipients as space-separated tokens ({@code admins owner:john}); null on deliveries. */
  @Column(name = "recipients", length = 2000)
  public @Nullable String recipients;

  /** A delivery's recipient; null on a request still to be resolved. */
  @Column(name = "recipient_id", length = 128)
  public @Nullable String recipientId;

  /** Column {@code ticket_id}. */
  @Column(name = "ticket_id", length = 128, nullable = false)
  public String ticketId = "";

  /** Column {@code comment_id}. */
  @Column(name = "comment_id", length = 128)
  public @Nullable String commentId;

  /** Column {@code actor_id}. */
  @Column(name = "actor_id", length = 128, nullable = false)
  public String actorId = "";

  /** Column {@code occurred_at}. */
  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt = Instant.EPOCH;

  /** Column {@code state}. */
  @Column(name = "state", length = 16, nullable = false)
  public String state = "";

  /** Column {@code attempts}. */
  @Column(name = "attempts", nullable = false)
  public int attempts;

  /** Column {@code next_attempt_at}. */
  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt = Instant.EPOCH;

  /** Column {@code last_error}. */
  @Column(name = "last_error", length = 2000)
  public @Nullable String lastError;

  /** Column {@code lease_owner}. */
  @Column(name = "lease_owner", length = 200)
  public @Nullable String leaseOwner;

  /** Column {@code lease_until}. */
  @Column(name = "lease_until")
  public @Nullable Instant leaseUntil;

  /** Column {@code delivered_at}. */
  @Column(name = "delivered_at")
  public @Nullable Instant deliveredAt;

  /** The rows of {@code ticketing_outbox_data} that belong to this one. */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(
      name = "ticketing_outbox_data",
      joinColumns = @JoinColumn(name = "notification_id"))
  @MapKeyColumn(name = "data_name", length = 100)
  @Column(name = "data_value", length = 10_000)
  public Map<String, String> data = new HashMap<>();
}
