package dev.ticketing.jpa;

import dev.ticketing.policy.VisibilityScope;
import java.util.List;
import java.util.Map;

/**
 * The requester part of a visibility scope in HQL. A requester-or-CC scope (a customer's) is an
 * {@code or} of the requester column and a match in the CC list, within the customer's company;
 * where the dialect splits it ({@link QueryDialect#splitCopied()}) the query is a union of an arm
 * for each part, {@link Part#REQUESTED} and {@link Part#COPIED}.
 */
final class ScopeHql {
  private ScopeHql() {}

  /** Which part of a requester-or-CC scope a query (or an arm of one) keeps. */
  enum Part {
    /** The requester's tickets or those that copy them: the whole scope. */
    WHOLE,
    /** The requester's own tickets: {@code ix_ticket_requester} serves them in order. */
    REQUESTED,
    /**
     * The tickets that copy the requester: {@code ix_ticket_company_copied} (PostgreSQL, only the
     * tickets with CCs) serves them in order.
     */
    COPIED
  }

  static void requester(
      List<String> where,
      Map<String, Object> params,
      String t,
      VisibilityScope scope,
      Part part,
      char escape) {
    if (scope.requesterId() != null && scope.orCopied()) {
      String requested = t + ".requesterId = :scopeRequesterId";
      String copied = t + ".ccIds like :scopeCc escape '" + escape + "'";
      where.add(
          switch (part) {
            // The requester's own tickets or those that copy them, within their company.
            case WHOLE -> "(" + requested + " or " + copied + ")";
            case REQUESTED -> requested;
            case COPIED -> copied;
          });
      if (part != Part.COPIED) {
        params.put("scopeRequesterId", scope.requesterId());
      }
      if (part != Part.REQUESTED) {
        params.put("scopeCc", DelimitedList.containing(scope.requesterId(), escape));
      }
    } else if (scope.requesterId() != null) {
      where.add(t + ".requesterId = :scopeRequesterId");
      params.put("scopeRequesterId", scope.requesterId());
    }
  }
}
