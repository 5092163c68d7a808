package dev.ticketing.policy;

import dev.ticketing.ValidationException;
import dev.ticketing.validation.IdValidator;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a call. Every {@link dev.ticketing.TicketService} operation takes one.
 *
 * @param id the host's user id
 * @param role the SDK role the host mapped this user to
 * @param companyId the tenant the user belongs to: required for customers, absent for staff
 * @since 0.1.0
 */
public record Actor(String id, Role role, @Nullable String companyId) {

  /**
   * @throws ValidationException naming the field ({@code actor.id}, {@code actor.role} or {@code
   *     actor.companyId}) when the id is missing or malformed, the role is missing, a customer has no
   *     company or a staff member has one
   */
  public Actor {
    // Actors are built from what the host's authentication says, often per request: a coded
    // refusal naming the field, like any other bad input, so hosts translate one hierarchy.
    if (id == null) {
      throw ValidationException.of("actor.id", "is required");
    }
    if (role == null) {
      throw ValidationException.of("actor.role", "is required");
    }
    // Ids reach SQL comparisons: a trailing space or a look-alike character must not name another
    // user or tenant (MariaDB compares 'acme' and 'acme ' as equal), so only well-formed ids pass.
    if (!IdValidator.isWellFormed(id)) {
      throw ValidationException.of("actor.id", "must be 1 to 128 letters, digits or . _ : @ -");
    }
    if (companyId != null && !IdValidator.isWellFormed(companyId)) {
      throw ValidationException.of(
          "actor.companyId", "must be 1 to 128 letters, digits or . _ : @ -");
    }
    if (role == Role.CUSTOMER && (companyId == null || companyId.isBlank())) {
      throw ValidationException.of("actor.companyId", "is required for a customer");
    }
    if (role.isStaff() && companyId != null) {
      throw ValidationException.of(
          "actor.companyId", "must be absent for a staff actor, who belongs to no company");
    }
  }

  public static Actor customer(String id, String companyId) {
    return new Actor(id, Role.CUSTOMER, companyId);
  }

  public static Actor agent(String id) {
    return new Actor(id, Role.AGENT, null);
  }

  public static Actor admin(String id) {
    return new Actor(id, Role.ADMIN, null);
  }

  public static Actor superAdmin(String id) {
    return new Actor(id, Role.SUPER_ADMIN, null);
  }

  public boolean isStaff() {
    return role.isStaff();
  }
}
