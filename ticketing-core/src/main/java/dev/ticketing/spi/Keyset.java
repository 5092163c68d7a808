package dev.ticketing.spi;

import java.time.Instant;

/**
 * A position in a listing: the sort key and id of the last row already returned.
 *
 * @since 0.1.0
 */
public record Keyset(Instant createdAt, String id) {}
