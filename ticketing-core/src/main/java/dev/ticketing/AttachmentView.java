package dev.ticketing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A confirmed file. {@link #fileUrl()} is a short-lived pre-signed download URL made when the view
 * was built; it is never a public URL.
 *
 * @param commentId the comment the file is linked to, or null for a file on the ticket itself
 * @since 0.1.0
 */
public record AttachmentView(
    String id,
    String ticketId,
    @Nullable String commentId,
    String fileName,
    long fileSize,
    String contentType,
    String fileUrl,
    String uploadedBy,
    Instant createdAt) {}
