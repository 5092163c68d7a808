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
  @Id
  @Column(name = "object_key", length = 700)
  public String objectKey = "";

  @Column(name = "staging_key", length = 700, nullable = false)
  public String stagingKey = "";

  @Column(name = "ticket_id", length = 128, nullable = false)
  public String ticketId = "";

  /** The ticket's company, copied (it never changes): what a database distributed by company routes on. */
  @Column(name = "company_id", length = 128, nullable = false)
  public String companyId = "";

  @Column(name = "issued_to", length = 128, nullable = false)
  public String issuedTo = "";

  @Column(name = "file_name", length = 255, nullable = false)
  public String fileName = "";

  @Column(name = "content_type", length = 255, nullable = false)
  public String contentType = "";

  @Column(name = "file_size", nullable = false)
  public long fileSize;

  @Column(name = "issued_at", nullable = false)
  public Instant issuedAt = Instant.EPOCH;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt = Instant.EPOCH;

  @Column(name = "claim_token", length = 64)
  public @Nullable String claimToken;

  @Column(name = "claimed_until")
  public @Nullable Instant claimedUntil;
}
