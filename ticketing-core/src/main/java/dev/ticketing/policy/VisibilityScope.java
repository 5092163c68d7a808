package dev.ticketing.policy;

import org.jspecify.annotations.Nullable;

/**
 * The set of tickets an actor may see, as a conjunction a store turns into a query predicate. A
 * {@code null} component does not restrict; {@link #NOTHING} matches no ticket.
 *
 * @param nothing true when no ticket is visible
 * @param requesterId only tickets this user requested (owns) or, with {@code orCopied}, is copied on
 * @param companyId only tickets of this company
 * @param assigneeId only tickets assigned to this user
 * @param orCopied {@code requesterId} also matches tickets that user is a CC of (since 0.1.0)
 * @since 0.1.0
 */
public record VisibilityScope(
    boolean nothing,
    @Nullable String requesterId,
    @Nullable String companyId,
    @Nullable String assigneeId,
    boolean orCopied) {

  public static final VisibilityScope EVERYTHING =
      new VisibilityScope(false, null, null, null, false);
  public static final VisibilityScope NOTHING = new VisibilityScope(true, null, null, null, false);

  /** A scope without CCs. */
  public VisibilityScope(
      boolean nothing,
      @Nullable String requesterId,
      @Nullable String companyId,
      @Nullable String assigneeId) {
    this(nothing, requesterId, companyId, assigneeId, false);
  }

  /** The tickets a user requested (owns), in a company (staff: any company when null). */
  public static VisibilityScope requestedBy(String userId, @Nullable String companyId) {
    return new VisibilityScope(false, userId, companyId, null, false);
  }

  /** The tickets a user requested or is copied on, in a company. */
  public static VisibilityScope requestedByOrCopied(String userId, @Nullable String companyId) {
    return new VisibilityScope(false, userId, companyId, null, true);
  }

  /**
   * The tickets a user requested: the name this scope had before requesters were told apart from
   * creators.
   *
   * @deprecated use {@link #requestedBy}
   */
  @Deprecated
  public static VisibilityScope createdBy(String userId, @Nullable String companyId) {
    return requestedBy(userId, companyId);
  }

  public static VisibilityScope company(String companyId) {
    return new VisibilityScope(false, null, companyId, null, false);
  }

  public static VisibilityScope assignedTo(String userId) {
    return new VisibilityScope(false, null, null, userId, false);
  }

  /** Whether the ticket lies in this scope; stores must implement exactly this predicate. */
  public boolean matches(TicketFacts ticket) {
    return !nothing
        && (requesterId == null
            || requesterId.equals(ticket.requesterId())
            || (orCopied && ticket.ccIds().contains(requesterId)))
        && (companyId == null || companyId.equals(ticket.companyId()))
        && (assigneeId == null || assigneeId.equals(ticket.assigneeId()));
  }
}
