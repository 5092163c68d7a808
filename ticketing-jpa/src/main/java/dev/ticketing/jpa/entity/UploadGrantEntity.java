package dev.ticketing.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Row of {@code ticketing_upload_grant}: an issued, not yet confirmed upload, and the claim of the
 * confirmation copying it, if any.
 *
 * @since 0.1.0
 */
@Entity
@Table(name = "ticketing_upload_grant")
public class UploadGrantEntity {

  // Private: Hibernate then makes instances by reflection rather than generating an instantiator
  // class for this entity while the host's persistence unit starts (as for proxies, see
  // TicketingEntitiesWithoutProxies); the store makes new rows with create().
  private UploadGrantEntity() {}

  /**
   * A new, empty row for the store to fill in.
   *
   * @return the row
   */
  public static UploadGrantEntity create() {
    return new UploadGrantEntity();
  }

  /** Column {@code object_key}. */
  @Id
  @Column(name = "object_key", length = 700)
  public String objectKey = "";

  /** Column {@code staging_key}. */
  @Column(name = "staging_key", length = 700, nullable = false)
  public String stagingKey = "";

  /** Column {@code ticket_id}. */
  @Column(name = "ticket_id", length = 128, nullable = false)
  public String ticketId = "";

  /** The ticket's company, copied (it never changes): what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  /** Column {@code issued_to}. */
  @Column(name = "issued_to", length = 128, nullable = false)
  public String issuedTo = "";

  /** Column {@code file_name}. */
  @Column(name = "file_name", length = 255, nullable = false)
  public String fileName = "";

  /** Column {@code content_type}. */
  @Column(name = "content_type", length = 255, nullable = false)
  public String contentType = "";

  /** Column {@code file_size}. */
  @Column(name = "file_size", nullable = false)
  public long fileSize;

  /** Column {@code issued_at}. */
  @Column(name = "issued_at", nullable = false)
  public Instant issuedAt = Instant.EPOCH;

  /** Column {@code expires_at}. */
  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt = Instant.EPOCH;

  /** Column {@code claim_token}. */
  @Column(name = "claim_token", length = 64)
  public @Nullable String claimToken;

  /** Column {@code claimed_until}. */
  @Column(name = "claimed_until")
  public @Nullable Instant claimedUntil;
}
