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
 * <p>The search term a store sees is already normalised here, so that every store searches for the
 * same text: leading and trailing white space is stripped, and a term that is blank is no term at
 * all (null). Folding case stays with the store, as part of how it matches.
 *
 * @since 0.1.0
 */
public record TicketQuery(
    VisibilityScope scope,
    TicketFilter filter,
    CommentSearch commentSearch,
    SortOrder order,
    @Nullable Keyset after,
    int limit) {

  public TicketQuery {
    filter = withNormalisedSearchTerm(filter);
  }

  private static TicketFilter withNormalisedSearchTerm(TicketFilter filter) {
    String term = filter.searchTerm();
    if (term == null) {
      return filter;
    }
    String stripped = term.strip();
    if (stripped.equals(term)) {
      return filter;
    }
    return filter.toBuilder().searchTerm(stripped.isEmpty() ? null : stripped).build();
  }
}
