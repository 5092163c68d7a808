package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_ticket_field}: one custom field value of a ticket (one choice of a multiple
 * choice value), in the one typed column its type uses, with the ticket's creation time, so that a
 * listing filtered by a value walks the index on {@code (field_key, value, created_at, ticket_id)}.
 *
 * @since 0.2.0
 */
@Entity
@Table(name = "ticketing_ticket_field")
@IdClass(TicketFieldEntity.Key.class)
public class TicketFieldEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private TicketFieldEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static TicketFieldEntity create() {
    return new TicketFieldEntity();
  }

  /** Column {@code ticket_id}. */
  @Id
  @Column(name = "ticket_id", length = 128)
  public String ticketId = "";

  /** The ticket's company, copied (it never changes): what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code field_key}. */
  @Id
  @Column(name = "field_key", length = 64)
  public String fieldKey = "";

  /** 0, or the position of a choice among a multiple choice value's choices. */
  @Id
  @Column(name = "item")
  public short item;

  /** Text, pattern-checked text, a choice, or {@code true}/{@code false}. */
  @Column(name = "text_value", length = 255)
  public @Nullable String textValue;

  /** A whole or decimal number. */
  @Column(name = "number_value", precision = 29, scale = 10)
  public @Nullable BigDecimal numberValue;

  /** Column {@code date_value}. */
  @Column(name = "date_value")
  public @Nullable LocalDate dateValue;

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;

  /**
   * The primary key: ticket, field and item.
   *
   * @since 0.2.0
   */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key part {@code ticketId}, as in the entity. */
    public String ticketId = "";

    /** The key part {@code fieldKey}, as in the entity. */
    public String fieldKey = "";

    /** The key part {@code item}, as in the entity. */
    public short item;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && ticketId.equals(k.ticketId)
          && fieldKey.equals(k.fieldKey)
          && item == k.item;
    }

    @Override
    public int hashCode() {
      return Objects.hash(ticketId, fieldKey, item);
    }
  }
}
