package dev.ticketing.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A comment or internal note as stores keep it.
 *
 * @param externalId the host's id for a note recorded from outside (unique per store), or null
 * @since 0.1.0
 */
public record CommentRecord(
    String id,
    String ticketId,
    String authorId,
    String content,
    boolean internal,
    @Nullable String externalId,
    Instant createdAt,
    Instant updatedAt) {}
