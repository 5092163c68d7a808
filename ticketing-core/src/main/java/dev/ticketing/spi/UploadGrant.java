package dev.ticketing.spi;

import java.time.Instant;

/**
 * An upload URL that was issued: only its key may be confirmed, only for its ticket, only with the
 * size and type it was issued for, and only until it expires.
 *
 * <p>The client uploads to {@code stagingKey}, which is outside every ticket's prefix and never
 * served; confirmation copies the staged object to {@code objectKey}, which was never signed for an
 * upload, so that what was checked cannot be replaced afterwards. While a grant exists neither key
 * is referenced by an attachment: whatever lies under them is swept with the grant.
 *
 * @param objectKey the key the confirmed file will have; the key clients confirm with
 * @param stagingKey the key the upload URL writes to
 * @param expiresAt the end of the grant: after it the upload can no longer be confirmed (its URL
 *     expired before) and the sweeper deletes the grant and both objects
 * @since 0.1.0
 */
public record UploadGrant(
    String objectKey,
    String stagingKey,
    String ticketId,
    String issuedTo,
    String fileName,
    String contentType,
    long fileSize,
    Instant issuedAt,
    Instant expiresAt) {}
