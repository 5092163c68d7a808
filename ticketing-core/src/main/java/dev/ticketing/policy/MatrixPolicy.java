package dev.ticketing.policy;

import static dev.ticketing.policy.Operation.*;
import static dev.ticketing.policy.Role.*;

import dev.ticketing.Status;
import java.util.Objects;

/**
 * The default {@link PermissionPolicy}: a table of {@link Grant}s by role and operation. A missing
 * cell is {@link Grant#DENY}. Decisions are two array look-ups and a reach check: no allocation.
 *
 * <p>{@link #standard()} is the default matrix: customers raise and follow their own tickets (and
 * see, reply to and attach files to those they are copied on), agents
 * work the tickets assigned to them, admins do everything but restore and purge, super admins
 * everything. Change it through {@link #toBuilder()}, or start from {@link #builder()} (nothing
 * granted) and grant only what a product allows. A support module where parents and therapists
 * (customers) raise tickets and read them, and only admins see every ticket, add notes, resolve
 * and delete, while admins raise none, is:
 *
 * <pre>{@code
 * PermissionPolicy support = MatrixPolicy.builder()                 // deny by default
 *     .grant(Role.CUSTOMER, Operation.CREATE_TICKET, Reach.OWN)
 *     .grant(Role.CUSTOMER, Operation.VIEW_TICKET, Reach.OWN)
 *     .grant(Role.ADMIN, Operation.VIEW_TICKET, Reach.ALL)
 *     .grant(Role.ADMIN, Operation.LIST_ALL_TICKETS, Reach.ALL)
 *     .grant(Role.ADMIN, Operation.CHANGE_STATUS, Grant.of(Reach.ALL).onlyTo(Status.RESOLVED))
 *     .grant(Role.ADMIN, Operation.COMMENT, Reach.ALL)
 *     .grant(Role.ADMIN, Operation.DELETE_TICKET, Reach.ALL)
 *     .build();
 * }</pre>
 *
 * <p>Spring Boot hosts write the same matrix as {@code ticketing.policy.*} properties.
 *
 * @since 0.1.0
 */
public final class MatrixPolicy implements PermissionPolicy {

  private static final MatrixPolicy STANDARD = standardBuilder().build();

  private final Grant[][] grants;

  private MatrixPolicy(Grant[][] grants) {
    this.grants = grants;
  }

  /**
   * The default permission matrix; customers see the tickets they requested and those they are
   * copied on. Admins and super admins raise tickets on behalf of customers of any company; agents
   * tag, follow and copy customers on the tickets assigned to them.
   */
  public static MatrixPolicy standard() {
    return STANDARD;
  }

  /** An empty matrix: everything denied until granted. */
  public static Builder builder() {
    return new Builder(new Grant[Role.values().length][Operation.values().length]);
  }

  /** A builder holding this matrix, to change some cells. */
  public Builder toBuilder() {
    Grant[][] copy = new Grant[grants.length][];
    for (int i = 0; i < grants.length; i++) {
      copy[i] = grants[i].clone();
    }
    return new Builder(copy);
  }

  /** The cell for a role and operation ({@link Grant#DENY} when none was granted). */
  public Grant grant(Role role, Operation operation) {
    return grants[role.ordinal()][operation.ordinal()];
  }

  @Override
  public boolean permits(Actor actor, Operation operation, TicketFacts ticket) {
    Grant grant = grant(actor.role(), operation);
    return grant.reach().covers(actor, ticket) && grant.allowsStatus(ticket.status());
  }

  @Override
  public boolean permits(Actor actor, Operation operation) {
    // A ticket-less operation needs a grant that reaches every ticket.
    return grant(actor.role(), operation).reach() == Reach.ALL;
  }

  @Override
  public boolean permitsCreate(Actor actor, String companyId) {
    return grant(actor.role(), CREATE_TICKET).reach().coversCompany(actor, companyId);
  }

  /** Staff whose {@link Operation#RAISE_ON_BEHALF} grant covers the company; never a customer. */
  @Override
  public boolean permitsCreateOnBehalf(Actor actor, String companyId) {
    return actor.isStaff()
        && grant(actor.role(), Operation.RAISE_ON_BEHALF).reach().coversCompany(actor, companyId);
  }

  @Override
  public boolean permitsStatusChange(Actor actor, TicketFacts ticket, Status target) {
    Grant grant = grant(actor.role(), CHANGE_STATUS);
    return grant.reach().covers(actor, ticket)
        && grant.allowsStatus(ticket.status())
        && grant.allowsTarget(target);
  }

  @Override
  public VisibilityScope scope(Actor actor, Operation operation) {
    return grant(actor.role(), operation).reach().scope(actor);
  }

  private static Builder standardBuilder() {
    Builder b = builder();
    // Customers: the tickets they requested, in their own company; CCs see, reply and attach.
    b.grant(CUSTOMER, CREATE_TICKET, Grant.of(Reach.OWN));
    b.grant(CUSTOMER, VIEW_TICKET, Grant.of(Reach.OWN_OR_CC));
    b.grant(CUSTOMER, UPDATE_TICKET, Grant.of(Reach.OWN).exceptIn(Status.CLOSED, Status.CANCELLED));
    b.grant(CUSTOMER, CHANGE_STATUS, Grant.of(Reach.OWN).onlyTo(Status.CANCELLED, Status.REOPENED));
    b.grant(CUSTOMER, COMMENT, Grant.of(Reach.OWN_OR_CC));
    b.grant(CUSTOMER, ATTACH_FILE, Grant.of(Reach.OWN_OR_CC));
    b.grant(CUSTOMER, DELETE_TICKET, Grant.of(Reach.OWN));
    // The requester copies colleagues while the ticket is open to change.
    b.grant(CUSTOMER, MANAGE_CCS, Grant.of(Reach.OWN).exceptIn(Status.CLOSED, Status.CANCELLED));
    // Custom fields visible to customers, on their own tickets while open to change.
    b.grant(
        CUSTOMER,
        Operation.SET_FIELDS,
        Grant.of(Reach.OWN).exceptIn(Status.CLOSED, Status.CANCELLED));
    // The requester rates a ticket once it is resolved or closed.
    b.grant(CUSTOMER, RATE_TICKET, Grant.of(Reach.OWN));
    // Agents: the tickets assigned to them.
    for (Operation op :
        new Operation[] {
          VIEW_TICKET,
          CHANGE_STATUS,
          COMMENT,
          ADD_INTERNAL_NOTE,
          VIEW_INTERNAL_NOTES,
          ATTACH_FILE,
          VIEW_HISTORY,
          TAG_TICKET,
          MANAGE_FOLLOWERS,
          MANAGE_CCS,
          Operation.SET_FIELDS,
          Operation.LINK_TICKETS,
          Operation.MERGE_TICKETS,
          APPLY_MACRO
        }) {
      b.grant(AGENT, op, Grant.of(Reach.ASSIGNED));
    }
    // Agents say for themselves whether they take new tickets.
    b.grant(AGENT, SET_OWN_AVAILABILITY, Grant.of(Reach.ALL));
    // Admins: everything but restore and purge; super admins: everything.
    for (Operation op : Operation.values()) {
      if (op != RESTORE_TICKET && op != PURGE_TICKET) {
        b.grant(ADMIN, op, Grant.of(Reach.ALL));
      }
      b.grant(SUPER_ADMIN, op, Grant.of(Reach.ALL));
    }
    return b;
  }

  /** Mutable builder of a {@link MatrixPolicy}. */
  public static final class Builder {
    private final Grant[][] grants;

    private Builder(Grant[][] grants) {
      this.grants = grants;
      for (Grant[] row : grants) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            row[i] = Grant.DENY;
          }
        }
      }
    }

    public Builder grant(Role role, Operation operation, Grant grant) {
      grants[role.ordinal()][operation.ordinal()] = Objects.requireNonNull(grant, "grant");
      return this;
    }

    public Builder grant(Role role, Operation operation, Reach reach) {
      return grant(role, operation, Grant.of(reach));
    }

    public Builder revoke(Role role, Operation operation) {
      return grant(role, operation, Grant.DENY);
    }

    /**
     * What customers see: {@link Reach#OWN} (default: the tickets they requested, and those they
     * are copied on, which is {@link Reach#OWN_OR_CC}) or {@link Reach#COMPANY} (every ticket of
     * their company). Widens viewing and public comments; editing, status changes and deletion stay
     * with the ticket's requester.
     */
    public Builder customerVisibility(Reach reach) {
      if (reach != Reach.OWN && reach != Reach.OWN_OR_CC && reach != Reach.COMPANY) {
        throw new IllegalArgumentException("customer visibility is OWN or COMPANY, not " + reach);
      }
      // CCs see what they are copied on whatever "own" means to the host.
      Reach granted = reach == Reach.OWN ? Reach.OWN_OR_CC : reach;
      grant(CUSTOMER, VIEW_TICKET, granted);
      grant(CUSTOMER, COMMENT, granted);
      grant(CUSTOMER, ATTACH_FILE, granted);
      return this;
    }

    public MatrixPolicy build() {
      Grant[][] copy = new Grant[grants.length][];
      for (int i = 0; i < grants.length; i++) {
        copy[i] = grants[i].clone();
      }
      return new MatrixPolicy(copy);
    }
  }
}
