package dev.ticketing.spi;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import java.time.Instant;
import java.util.List;
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
 * all (null). Folding case stays with the store, as part of how it matches. Tags of the filter are
 * normalised as tags are ({@link dev.ticketing.TagRules#normalise}), each once, sorted, so that a
 * store compares them with stored tags as they are.
 *
 * <p>{@code now} is the instant the listing is judged at where that matters: the filter's SLA
 * standing ({@link dev.ticketing.sla.SlaStanding#of}) is the tickets' standing at {@code now}, the
 * engine's clock's time when the engine builds the query.
 *
 * @param now the instant the listing is judged at (since 0.2.0)
 * @since 0.1.0
 */
public record TicketQuery(
    VisibilityScope scope,
    TicketFilter filter,
    CommentSearch commentSearch,
    SortOrder order,
    @Nullable Keyset after,
    int limit,
    Instant now) {

  public TicketQuery {
    filter = withNormalisedTags(withNormalisedSearchTerm(filter));
    java.util.Objects.requireNonNull(now, "now");
  }

  /** A query judged at the current instant of the system clock. */
  public TicketQuery(
      VisibilityScope scope,
      TicketFilter filter,
      CommentSearch commentSearch,
      SortOrder order,
      @Nullable Keyset after,
      int limit) {
    this(scope, filter, commentSearch, order, after, limit, Instant.now());
  }

  private static TicketFilter withNormalisedTags(TicketFilter filter) {
    if (filter.tags().isEmpty()) {
      return filter;
    }
    java.util.TreeSet<String> tags = new java.util.TreeSet<>();
    for (String tag : filter.tags()) {
      tags.add(dev.ticketing.TagRules.normalise(tag));
    }
    List<String> normalised = List.copyOf(tags);
    return normalised.equals(filter.tags()) ? filter : filter.toBuilder().tags(normalised).build();
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
