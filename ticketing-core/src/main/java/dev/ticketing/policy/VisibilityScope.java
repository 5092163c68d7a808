package dev.ticketing.policy;

import org.jspecify.annotations.Nullable;

/**
 * The set of tickets an actor may see, as a conjunction a store turns into a query predicate. A
 * {@code null} component does not restrict; {@link #NOTHING} matches no ticket.
 *
 * @param nothing true when no ticket is visible
 * @param createdBy only tickets created by this user
 * @param companyId only tickets of this company
 * @param assigneeId only tickets assigned to this user
 * @since 0.1.0
 */
public record VisibilityScope(
    boolean nothing,
    @Nullable String createdBy,
    @Nullable String companyId,
    @Nullable String assigneeId) {

  public static final VisibilityScope EVERYTHING = new VisibilityScope(false, null, null, null);
  public static final VisibilityScope NOTHING = new VisibilityScope(true, null, null, null);

  public static VisibilityScope createdBy(String userId, @Nullable String companyId) {
    return new VisibilityScope(false, userId, companyId, null);
  }

  public static VisibilityScope company(String companyId) {
    return new VisibilityScope(false, null, companyId, null);
  }

  public static VisibilityScope assignedTo(String userId) {
    return new VisibilityScope(false, null, null, userId);
  }

  /** Whether the ticket lies in this scope; stores must implement exactly this predicate. */
  public boolean matches(TicketFacts ticket) {
    return !nothing
        && (createdBy == null || createdBy.equals(ticket.createdBy()))
        && (companyId == null || companyId.equals(ticket.companyId()))
        && (assigneeId == null || assigneeId.equals(ticket.assigneeId()));
  }
}
