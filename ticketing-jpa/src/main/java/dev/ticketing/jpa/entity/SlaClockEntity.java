package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * Read-only view of {@code ticketing_sla_clock}, the service-level clocks the SLA store writes: only
 * what a ticket listing reads to filter tickets by their standing (the SLA store itself reads and
 * writes the table row by row). Instants are microseconds since the epoch, as the SLA store keeps
 * them.
 *
 * @since 0.2.0
 */
@Entity
@Immutable
@Table(name = "ticketing_sla_clock")
@IdClass(SlaClockEntity.Key.class)
public class SlaClockEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private SlaClockEntity() {}

  /** Column {@code ticket_id}. */
  @Id
  @Column(name = "ticket_id", length = 128)
  public String ticketId = "";

  /** Column {@code target_kind}: what the clock measures. */
  @Id
  @Column(name = "target_kind", length = 32)
  public String targetKind = "";

  /** Column {@code cycle_no}: which cycle of its target. */
  @Id
  @Column(name = "cycle_no")
  public int cycleNo;

  /** The ticket's company, copied. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code state}: where the clock stands (active, paused, fulfilled, stopped). */
  @Column(name = "state", length = 16, nullable = false)
  public String state = "";

  /** Column {@code warn_at}: when its warning is due while it counts; null: no warning. */
  @Column(name = "warn_at")
  public @Nullable Long warnAt;

  /** Column {@code breach_at}: when it breaches or breached; null: it stopped short of its goal. */
  @Column(name = "breach_at")
  public @Nullable Long breachAt;

  /**
   * The primary key: ticket, target and cycle.
   *
   * @since 0.2.0
   */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key part {@code ticketId}, as in the entity. */
    public String ticketId = "";

    /** The key part {@code targetKind}, as in the entity. */
    public String targetKind = "";

    /** The key part {@code cycleNo}, as in the entity. */
    public int cycleNo;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && ticketId.equals(k.ticketId)
          && targetKind.equals(k.targetKind)
          && cycleNo == k.cycleNo;
    }

    @Override
    public int hashCode() {
      return Objects.hash(ticketId, targetKind, cycleNo);
    }
  }
}
