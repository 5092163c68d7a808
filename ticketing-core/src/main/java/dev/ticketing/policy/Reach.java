package dev.ticketing.policy;

/**
 * How far a grant reaches: which tickets of the world an actor's permission covers.
 *
 * @since 0.1.0
 */
public enum Reach {
  /** No ticket. */
  NONE,
  /** Tickets the actor requested (owns): created themselves, or raised for them by staff. */
  OWN,
  /**
   * Tickets the actor requested or is copied on (a CC). What customers see, reply to and attach
   * files to by default; editing, status changes and deletion stay {@link #OWN}.
   *
   * @since 0.1.0
   */
  OWN_OR_CC,
  /** Tickets of the actor's company. */
  COMPANY,
  /** Tickets assigned to the actor. */
  ASSIGNED,
  /** Every ticket. */
  ALL;

  /** Whether this reach covers the ticket for the actor. Allocation-free. */
  public boolean covers(Actor actor, TicketFacts ticket) {
    return switch (this) {
      case NONE -> false;
      case OWN -> actor.id().equals(ticket.requesterId()) && sameCompany(actor, ticket.companyId());
      case OWN_OR_CC ->
          (actor.id().equals(ticket.requesterId()) || ticket.ccIds().contains(actor.id()))
              && sameCompany(actor, ticket.companyId());
      case COMPANY -> sameCompany(actor, ticket.companyId());
      case ASSIGNED -> actor.id().equals(ticket.assigneeId());
      case ALL -> true;
    };
  }

  /** Whether this reach covers creating a ticket for the company. */
  public boolean coversCompany(Actor actor, String companyId) {
    return switch (this) {
      case NONE, ASSIGNED -> false;
      case OWN, OWN_OR_CC, COMPANY -> companyId.equals(actor.companyId());
      case ALL -> true;
    };
  }

  /** The same reach as a store predicate. */
  public VisibilityScope scope(Actor actor) {
    return switch (this) {
      case NONE -> VisibilityScope.NOTHING;
      case OWN -> VisibilityScope.requestedBy(actor.id(), actor.companyId());
      case OWN_OR_CC -> VisibilityScope.requestedByOrCopied(actor.id(), actor.companyId());
      case COMPANY ->
          actor.companyId() == null
              ? VisibilityScope.NOTHING
              : VisibilityScope.company(actor.companyId());
      case ASSIGNED -> VisibilityScope.assignedTo(actor.id());
      case ALL -> VisibilityScope.EVERYTHING;
    };
  }

  private static boolean sameCompany(Actor actor, String companyId) {
    // Staff have no company; OWN for staff means "requested by me" whatever the company.
    return actor.companyId() == null ? actor.isStaff() : actor.companyId().equals(companyId);
  }
}
