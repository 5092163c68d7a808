package dev.ticketing;

/**
 * The result for one ticket of {@link TicketService#resolveTickets} (the Comdeall support module's
 * bulk resolve).
 *
 * @since 0.1.0
 */
public enum ResolveOutcome {
  RESOLVED,
  /** The ticket is RESOLVED or CLOSED already: nothing to do, nobody notified again. */
  ALREADY_RESOLVED,
  /** The actor may see the ticket but may not resolve it, or its status does not allow it. */
  NOT_ALLOWED,
  /** No such ticket, or not visible to the actor. */
  NOT_FOUND
}
