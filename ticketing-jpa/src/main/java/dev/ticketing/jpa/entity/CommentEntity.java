package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_comment}. A row of its own so that comments never touch the ticket row.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_comment")
public class CommentEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private CommentEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static CommentEntity create() {
    return new CommentEntity();
  }

  /** Column {@code id}. */
  @Id
  @Column(name = "id", length = 128)
  public String id = "";

  /** Column {@code ticket_id}. */
  @Column(name = "ticket_id", length = 128, nullable = false)
  public String ticketId = "";

  /** The ticket's company, copied (it never changes): what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code author_id}. */
  @Column(name = "author_id", length = 128, nullable = false)
  public String authorId = "";

  /** Column {@code content}. */
  @Column(name = "content", length = 10_000, nullable = false)
  public String content = "";

  /** Column {@code internal}. */
  @Column(name = "internal", nullable = false)
  public boolean internal;

  /** Column {@code external_id}. */
  @Column(name = "external_id", length = 128, unique = true)
  public @Nullable String externalId;

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;

  /** Column {@code updated_at}. */
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt = Instant.EPOCH;
}
