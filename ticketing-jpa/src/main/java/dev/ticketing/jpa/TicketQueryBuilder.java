package dev.ticketing.jpa;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the HQL of a listing from a {@link TicketQuery}: visibility scope, filters, search and
 * keyset position, all as bound parameters (nothing from the input is ever spliced into the query
 * text). Keyset pagination compares the row value {@code (createdAt, id)} so that the indexes on
 * {@code (..., created_at, id)} serve every page at the same cost.
 */
final class TicketQueryBuilder {
  /** LIKE escape character; '!' rather than '\' because MariaDB treats backslashes in literals. */
  private static final char ESCAPE = '!';

  private final List<String> where = new ArrayList<>();
  private final Map<String, Object> params = new LinkedHashMap<>();

  private TicketQueryBuilder() {}

  /** The where clause (starting with " where ") and its parameters, without the keyset position. */
  static TicketQueryBuilder filtering(TicketQuery query) {
    TicketQueryBuilder b = new TicketQueryBuilder();
    b.scope(query.scope());
    b.filter(query.filter(), query.commentSearch());
    return b;
  }

  /** Adds the keyset position of the query. */
  TicketQueryBuilder after(@Nullable Keyset after, SortOrder order) {
    if (after != null) {
      where.add(order == SortOrder.NEWEST_FIRST
          ? "(t.createdAt, t.id) < (:afterCreatedAt, :afterId)"
          : "(t.createdAt, t.id) > (:afterCreatedAt, :afterId)");
      params.put("afterCreatedAt", after.createdAt());
      params.put("afterId", after.id());
    }
    return this;
  }

  String whereClause() {
    return where.isEmpty() ? "" : " where " + String.join(" and ", where);
  }

  Map<String, Object> parameters() {
    return params;
  }

  static String orderBy(SortOrder order) {
    return order == SortOrder.NEWEST_FIRST
        ? " order by t.createdAt desc, t.id desc"
        : " order by t.createdAt asc, t.id asc";
  }

  private void scope(VisibilityScope scope) {
    if (scope.nothing()) {
      where.add("1 = 0");
      return;
    }
    eq("t.createdBy", "scopeCreatedBy", scope.createdBy());
    eq("t.companyId", "scopeCompanyId", scope.companyId());
    eq("t.assigneeId", "scopeAssigneeId", scope.assigneeId());
  }

  private void filter(TicketFilter f, CommentSearch commentSearch) {
    if (!f.includeDeleted()) {
      where.add("t.deletedAt is null");
    }
    eq("t.status", "status", f.status() == null ? null : f.status().name());
    eq("t.priority", "priority", f.priority() == null ? null : f.priority().name());
    eq("t.category", "category", f.category() == null ? null : f.category().name());
    eq("t.companyId", "companyId", f.companyId());
    eq("t.assigneeId", "assignedToId", f.assignedToId());
    eq("t.createdBy", "createdBy", f.createdBy());
    if (f.unassigned() != null) {
      where.add(f.unassigned() ? "t.assigneeId is null" : "t.assigneeId is not null");
    }
    if (f.createdFrom() != null) {
      where.add("t.createdAt >= :createdFrom");
      params.put("createdFrom", f.createdFrom());
    }
    if (f.createdTo() != null) {
      where.add("t.createdAt < :createdTo");
      params.put("createdTo", f.createdTo());
    }
    if (f.searchTerm() != null && !f.searchTerm().isBlank()) {
      params.put("term", "%" + escapeLike(f.searchTerm().strip().toLowerCase(Locale.ROOT)) + "%");
      String like = " like :term escape '" + ESCAPE + "'";
      StringBuilder match = new StringBuilder("(lower(t.title)" + like + " or lower(t.description)" + like);
      if (commentSearch != CommentSearch.NONE) {
        match.append(" or exists (select 1 from CommentEntity c where c.ticketId = t.id");
        if (commentSearch == CommentSearch.PUBLIC) {
          match.append(" and c.internal = false");
        }
        match.append(" and lower(c.content)").append(like).append(")");
      }
      where.add(match.append(")").toString());
    }
  }

  private void eq(String path, String name, @Nullable Object value) {
    if (value != null) {
      where.add(path + " = :" + name);
      params.put(name, value);
    }
  }

  static String escapeLike(String term) {
    StringBuilder out = new StringBuilder(term.length() + 8);
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == ESCAPE || c == '%' || c == '_') {
        out.append(ESCAPE);
      }
      out.append(c);
    }
    return out.toString();
  }
}
