package dev.ticketing.policy;

import dev.ticketing.Status;

/**
 * Decides who may do what. Deny by default: whatever an implementation does not grant is refused.
 *
 * <p>The service reports a ticket the actor may not {@linkplain Operation#VIEW_TICKET view} as not
 * found, and a refused operation on a visible ticket as access denied. Implementations must keep
 * {@link #visibleScope(Actor)} and {@code permits(actor, VIEW_TICKET, ticket)} in agreement: lists
 * use the former, single reads the latter.
 *
 * <p>The default is {@link MatrixPolicy#standard()} (the GraphQL ticket module's matrix); configure
 * it with {@link MatrixPolicy#toBuilder()} or write a short policy of your own.
 *
 * @since 0.1.0
 */
public interface PermissionPolicy {

  /** Whether the actor may perform an operation on a ticket. */
  boolean permits(Actor actor, Operation operation, TicketFacts ticket);

  /** Whether the actor may perform an operation that concerns no single ticket (statistics, list all). */
  boolean permits(Actor actor, Operation operation);

  /** Whether the actor may create a ticket for the company. */
  boolean permitsCreate(Actor actor, String companyId);

  /**
   * Whether the actor may raise a ticket for the company on behalf of someone else (the requester,
   * a customer of that company, which the engine checks with the directory). Deny by default.
   * Customers never may: the engine refuses it whatever this says.
   *
   * @since 0.1.0
   */
  default boolean permitsCreateOnBehalf(Actor actor, String companyId) {
    return false;
  }

  /** Whether the actor may move the ticket to the target status (the state machine is checked separately). */
  boolean permitsStatusChange(Actor actor, TicketFacts ticket, Status target);

  /**
   * The tickets on which the actor may perform the operation, as a store predicate (status
   * conditions aside). Lists use it: it must agree with {@link #permits(Actor, Operation,
   * TicketFacts)} for tickets whose status the grant allows.
   */
  VisibilityScope scope(Actor actor, Operation operation);

  /** The tickets the actor may see, as a store predicate. */
  default VisibilityScope visibleScope(Actor actor) {
    return scope(actor, Operation.VIEW_TICKET);
  }
}
