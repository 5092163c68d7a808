package dev.ticketing.policy;

import dev.ticketing.validation.IdValidator;
import java.util.Objects;
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

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    // Ids reach SQL comparisons: a trailing space or a look-alike character must not name another
    // user or tenant (MariaDB compares 'acme' and 'acme ' as equal), so only well-formed ids pass.
    if (!IdValidator.isWellFormed(id)) {
      throw new IllegalArgumentException("actor id must be 1 to 128 letters, digits or . _ : @ -");
    }
    if (companyId != null && !IdValidator.isWellFormed(companyId)) {
      throw new IllegalArgumentException(
          "actor companyId must be 1 to 128 letters, digits or . _ : @ -");
    }
    if (role == Role.CUSTOMER && (companyId == null || companyId.isBlank())) {
      throw new IllegalArgumentException("a customer actor needs a companyId");
    }
    if (role.isStaff() && companyId != null) {
      throw new IllegalArgumentException(
          "a staff actor belongs to no company (companyId must be null)");
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
