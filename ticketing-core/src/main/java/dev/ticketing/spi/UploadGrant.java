package dev.ticketing.spi;

import java.time.Instant;

/**
 * An upload URL that was issued: only its key may be confirmed, only for its ticket, and only with
 * the size and type it was issued for.
 */
public record UploadGrant(
    String objectKey,
    String ticketId,
    String issuedTo,
    String fileName,
    String contentType,
    long fileSize,
    Instant issuedAt,
    Instant expiresAt) {}
