package dev.ticketing.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A confirmed file as stores keep it.
 *
 * @param commentId the comment it is linked to, or null
 * @param internal whether it is linked to an internal note (then customers never see it)
 * @since 0.1.0
 */
public record AttachmentRecord(
    String id,
    String ticketId,
    @Nullable String commentId,
    boolean internal,
    String objectKey,
    String fileName,
    String contentType,
    long fileSize,
    String uploadedBy,
    Instant createdAt) {}
