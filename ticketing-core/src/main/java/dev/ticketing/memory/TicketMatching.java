package dev.ticketing.memory;

import dev.ticketing.Status;
import dev.ticketing.TagCount;
import dev.ticketing.TagMatch;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link InMemoryTicketStore} query matches, and the figures it counts: the same predicates
 * the SQL stores write, over the tickets in memory.
 */
final class TicketMatching {

  private TicketMatching() {}

  /** The query's predicate, minus position and limit. */
  static Predicate<TicketState> matcher(TicketQuery query) {
    VisibilityScope scope = query.scope();
    TicketFilter f = query.filter();
    String term = f.searchTerm() == null ? null : f.searchTerm().toLowerCase(Locale.ROOT);
    CommentSearch commentSearch = query.commentSearch();
    return state -> {
      TicketRecord t = state.ticket();
      return scope.matches(t)
          && (f.includeDeleted() || !t.deleted())
          && (f.status() == null || f.status() == t.status())
          && (f.priority() == null || f.priority() == t.priority())
          && (f.category() == null || f.category().equals(t.category()))
          && (f.companyId() == null || f.companyId().equals(t.companyId()))
          && (f.assignedToId() == null || f.assignedToId().equals(t.assigneeId()))
          && (f.unassigned() == null || f.unassigned() == (t.assigneeId() == null))
          && (f.createdBy() == null || f.createdBy().equals(t.createdBy()))
          && (f.requesterId() == null || f.requesterId().equals(t.requesterId()))
          && tagged(t, f)
          && FieldMatching.matches(t, f.fields())
          && (f.createdFrom() == null || !t.createdAt().isBefore(f.createdFrom()))
          && (f.createdTo() == null || t.createdAt().isBefore(f.createdTo()))
          && (term == null || mentions(state, term, commentSearch));
    };
  }

  private static boolean mentions(TicketState state, String term, CommentSearch commentSearch) {
    TicketRecord t = state.ticket();
    if (contains(t.title(), term) || contains(t.description(), term)) {
      return true;
    }
    return switch (commentSearch) {
      case NONE -> false;
      case PUBLIC ->
          state.comments().stream().anyMatch(c -> !c.internal() && contains(c.content(), term));
      case ALL -> state.comments().stream().anyMatch(c -> contains(c.content(), term));
    };
  }

  private static boolean contains(String text, String lowerCaseTerm) {
    return text.toLowerCase(Locale.ROOT).contains(lowerCaseTerm);
  }

  /** The tags filter: any or all of its tags (the query normalised them as stored tags are). */
  private static boolean tagged(TicketRecord t, TicketFilter f) {
    if (f.tags().isEmpty()) {
      return true;
    }
    return f.tagMatch() == TagMatch.ALL
        ? t.tags().containsAll(f.tags())
        : f.tags().stream().anyMatch(t.tags()::contains);
  }

  /** Statistics over the non-deleted tickets in scope, optionally of one company. */
  static TicketStats stats(
      Collection<TicketState> states, VisibilityScope scope, @Nullable String companyId) {
    Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    long urgent = 0;
    long high = 0;
    long unassigned = 0;
    for (TicketState state : states) {
      TicketRecord t = state.ticket();
      if (!counted(t, scope, companyId)) {
        continue;
      }
      byStatus.merge(t.status(), 1L, Long::sum);
      if (t.status().isActive()) {
        switch (t.priority()) {
          case URGENT -> urgent++;
          case HIGH -> high++;
          default -> {}
        }
        if (t.assigneeId() == null) {
          unassigned++;
        }
      }
    }
    return TicketStats.of(byStatus, urgent, high, unassigned);
  }

  /** Tickets per tag over the non-deleted tickets in scope: most used first, then by tag. */
  static List<TagCount> tagCounts(
      Collection<TicketState> states,
      VisibilityScope scope,
      @Nullable String companyId,
      int limit) {
    Map<String, long[]> counts = new HashMap<>();
    for (TicketState state : states) {
      TicketRecord t = state.ticket();
      if (!counted(t, scope, companyId)) {
        continue;
      }
      for (String tag : t.tags()) {
        long[] c = counts.computeIfAbsent(tag, k -> new long[2]);
        c[0]++;
        if (t.status().isActive()) {
          c[1]++;
        }
      }
    }
    return counts.entrySet().stream()
        .map(e -> new TagCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .sorted(Comparator.comparingLong(TagCount::tickets).reversed().thenComparing(TagCount::tag))
        .limit(limit)
        .toList();
  }

  private static boolean counted(
      TicketRecord t, VisibilityScope scope, @Nullable String companyId) {
    return !t.deleted()
        && scope.matches(t)
        && (companyId == null || companyId.equals(t.companyId()));
  }
}
