package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_attachment}.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_attachment")
public class AttachmentEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private AttachmentEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static AttachmentEntity create() {
    return new AttachmentEntity();
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

  /** Column {@code comment_id}. */
  @Column(name = "comment_id", length = 128)
  public @Nullable String commentId;

  /** Column {@code internal}. */
  @Column(name = "internal", nullable = false)
  public boolean internal;

  /** Column {@code object_key}. */
  @Column(name = "object_key", length = 700, nullable = false)
  public String objectKey = "";

  /** Column {@code file_name}. */
  @Column(name = "file_name", length = 255, nullable = false)
  public String fileName = "";

  /** Column {@code content_type}. */
  @Column(name = "content_type", length = 255, nullable = false)
  public String contentType = "";

  /** Column {@code file_size}. */
  @Column(name = "file_size", nullable = false)
  public long fileSize;

  /** Column {@code uploaded_by}. */
  @Column(name = "uploaded_by", length = 128, nullable = false)
  public String uploadedBy = "";

  /** Column {@code created_at}. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt = Instant.EPOCH;
}
