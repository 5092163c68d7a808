package dev.ticketing.jpa;

import dev.ticketing.policy.VisibilityScope;
import java.util.List;
import java.util.Map;

/**
 * The requester part of a visibility scope in HQL. A requester-or-CC scope (a customer's) is an
 * {@code or} of the requester column and a match in the CC list; it comes with the customer's
 * company, whose index {@code (company_id, created_at, id)} serves the page, so neither arm needs an
 * index of its own.
 */
final class ScopeHql {
  private ScopeHql() {}

  static void requester(
      List<String> where,
      Map<String, Object> params,
      String t,
      VisibilityScope scope,
      char escape) {
    if (scope.requesterId() != null && scope.orCopied()) {
      // The requester's own tickets or those that copy them, within their company.
      where.add(
          "("
              + t
              + ".requesterId = :scopeRequesterId or "
              + t
              + ".ccIds like :scopeCc escape '"
              + escape
              + "')");
      params.put("scopeRequesterId", scope.requesterId());
      params.put("scopeCc", DelimitedList.containing(scope.requesterId(), escape));
    } else if (scope.requesterId() != null) {
      where.add(t + ".requesterId = :scopeRequesterId");
      params.put("scopeRequesterId", scope.requesterId());
    }
  }
}
