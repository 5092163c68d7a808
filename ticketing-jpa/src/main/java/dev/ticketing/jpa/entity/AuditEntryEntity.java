package dev.ticketing.jpa.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_audit_entry}, with its field changes in {@code ticketing_audit_change}.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_audit_entry")
public class AuditEntryEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private AuditEntryEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static AuditEntryEntity create() {
    return new AuditEntryEntity();
  }

  /** Column {@code id}. */
  @Id
  @Column(name = "id", length = 128)
  public String id = "";

  /** No foreign key: the PURGED entry outlives its ticket. */
  @Column(name = "ticket_id", length = 128, nullable = false)
  public String ticketId = "";

  /** The ticket's company, copied (it never changes): what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code action}. */
  @Column(name = "action", length = 32, nullable = false)
  public String action = "";

  /** Column {@code actor_id}. */
  @Column(name = "actor_id", length = 128, nullable = false)
  public String actorId = "";

  /** Column {@code actor_role}. */
  @Column(name = "actor_role", length = 32, nullable = false)
  public String actorRole = "";

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;

  /**
   * Append order, numbered by the database on insert (never written by the store): it orders the
   * entries of one instant, which their ids cannot. Not read back after an insert.
   */
  @Column(name = "seq", insertable = false, updatable = false)
  public @Nullable Long seq;

  /** The rows of {@code ticketing_audit_change} that belong to this one. */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "ticketing_audit_change", joinColumns = @JoinColumn(name = "entry_id"))
  @OrderColumn(name = "change_index")
  public List<FieldChangeValue> changes = new ArrayList<>();
}
