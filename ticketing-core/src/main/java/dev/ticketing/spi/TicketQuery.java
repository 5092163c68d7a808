package dev.ticketing.spi;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import org.jspecify.annotations.Nullable;

/**
 * What a store lists: tickets in {@code scope} matching {@code filter}, after {@code after} in
 * {@code order}, at most {@code limit} of them.
 *
 * <p>Soft-deleted tickets are excluded unless {@code filter.includeDeleted()}. A search term
 * matches case-insensitively in title and description and, as {@code commentSearch} says, in
 * comment text, as the store's {@link TicketStore#textMatching()} promises.
 *
 * @since 0.1.0
 */
public record TicketQuery(
    VisibilityScope scope,
    TicketFilter filter,
    CommentSearch commentSearch,
    SortOrder order,
    @Nullable Keyset after,
    int limit) {}
