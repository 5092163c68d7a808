package dev.ticketing.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A notification waiting in, or done with, the outbox.
 *
 * @param attempts delivery attempts made so far, the successful one included
 * @param nextAttemptAt when it is due (again)
 * @param lastError the last delivery failure, or null
 */
public record OutboxEntry(
    Notification notification,
    OutboxState state,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError) {}
