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
 * Row of {@code ticketing_ticket_tag}: one tag of a ticket, with the ticket's creation time and
 * company, so that a listing filtered by a tag walks the index on {@code (tag, created_at,
 * ticket_id)}, on {@code (company_id, tag, created_at, ticket_id)} within a company, or on {@code
 * (requester_id, tag, created_at, ticket_id)} among one customer's own tickets, in the page's
 * order.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_ticket_tag")
@IdClass(TicketTagEntity.Key.class)
public class TicketTagEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private TicketTagEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static TicketTagEntity create() {
    return new TicketTagEntity();
  }

  /** Column {@code ticket_id}. */
  @Id
  @Column(name = "ticket_id", length = 128)
  public String ticketId = "";

  /** The ticket's company, copied (it never changes): what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /**
   * The ticket's requester, copied and kept equal to it: a customer's own tickets with a tag are read
   * from {@code ix_ticket_tag_requester (requester_id, tag, created_at, ticket_id)} in the page's
   * order.
   *
   * @since 0.2.0
   */
  @Column(name = "requester_id", length = 128, nullable = false)
  public String requesterId = "";

  /** Column {@code tag}. */
  @Id
  @Column(name = "tag", length = 100)
  public String tag = "";

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;

  /**
   * The primary key: ticket and tag.
   *
   * @since 0.1.0
   */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key part {@code ticketId}, as in the entity. */
    public String ticketId = "";

    /** The key part {@code tag}, as in the entity. */
    public String tag = "";

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && ticketId.equals(k.ticketId) && tag.equals(k.tag);
    }

    @Override
    public int hashCode() {
      return Objects.hash(ticketId, tag);
    }
  }
}
