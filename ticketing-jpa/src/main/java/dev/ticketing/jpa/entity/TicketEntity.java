package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_ticket}. Enums are stored by name.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_ticket")
public class TicketEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private TicketEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static TicketEntity create() {
    return new TicketEntity();
  }

  /** Column {@code id}. */
  @Id
  @Column(name = "id", length = 128)
  public String id = "";

  /** Column {@code company_id}. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code created_by}. */
  @Column(name = "created_by", length = 128, nullable = false)
  public String createdBy = "";

  /** Column {@code title}. */
  @Column(name = "title", length = 200, nullable = false)
  public String title = "";

  /** Column {@code description}. */
  @Column(name = "description", length = 10_000, nullable = false)
  public String description = "";

  /** Column {@code status}. */
  @Column(name = "status", length = 32, nullable = false)
  public String status = "";

  /** Column {@code priority}. */
  @Column(name = "priority", length = 16, nullable = false)
  public String priority = "";

  /** Column {@code category}. */
  @Column(name = "category", length = 128, nullable = false)
  public String category = "";

  /** Column {@code assignee_id}. */
  @Column(name = "assignee_id", length = 128)
  public @Nullable String assigneeId;

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;

  /** Column {@code updated_at}. */
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt = Instant.EPOCH;

  /** Column {@code resolved_at}. */
  @Column(name = "resolved_at")
  public @Nullable Instant resolvedAt;

  /** Column {@code closed_at}. */
  @Column(name = "closed_at")
  public @Nullable Instant closedAt;

  /** Column {@code deleted_at}. */
  @Column(name = "deleted_at")
  public @Nullable Instant deletedAt;

  /** Column {@code deleted_by}. */
  @Column(name = "deleted_by", length = 128)
  public @Nullable String deletedBy;

  /** Column {@code status_before_delete}. */
  @Column(name = "status_before_delete", length = 32)
  public @Nullable String statusBeforeDelete;

  /** Who the ticket is for and who owns it (since 0.1.0). */
  @Column(name = "requester_id", length = 128, nullable = false)
  public String requesterId = "";

  /** Followers as a space-delimited list, {@code " a b "}; null when none (since 0.1.0). */
  @Column(name = "follower_ids", length = 13_000)
  public @Nullable String followerIds;

  /** CCs as a space-delimited list, {@code " a b "}; null when none (since 0.1.0). */
  @Column(name = "cc_ids", length = 13_000)
  public @Nullable String ccIds;

  /**
   * Tags as a space-delimited list, {@code " a b "}; null when none. {@link TicketTagEntity} holds
   * them too, for filtering (since 0.1.0).
   */
  @Column(name = "tags", length = 10_200)
  public @Nullable String tags;

  /**
   * Custom field values, encoded one per line ({@code key TAB type TAB value}); null when none.
   * {@link TicketFieldEntity} holds them too, typed, for filtering (since 0.2.0).
   */
  @Column(name = "field_values", length = 1_000_000)
  public @Nullable String fieldValues;

  /** Optimistic lock: Hibernate adds {@code where version = ?} to every update of the row. */
  @Version
  @Column(name = "version", nullable = false)
  public long version;
}
