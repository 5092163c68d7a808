package dev.ticketing.spi;

import dev.ticketing.policy.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the host's directory tells about a user.
 *
 * <p>Names and email may be unknown (null); views then show them as null.
 *
 * @param role the SDK role the host maps this user to (assignees must be staff)
 * @param roleName the host's own role name, shown in views ({@code assignedTo { role { name } }})
 * @param companyId the company a customer belongs to (null for staff, or when the host does not
 *     say): a requester or a CC must be a customer of the ticket's company, so a directory that
 *     leaves it out refuses them all (since 0.1.0)
 * @since 0.1.0
 */
public record UserInfo(
    String id,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String email,
    Role role,
    String roleName,
    @Nullable String companyId) {

  public UserInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
  }

  /** A user whose company the directory does not say. */
  public UserInfo(
      String id,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String email,
      Role role,
      String roleName) {
    this(id, firstName, lastName, email, role, roleName, null);
  }

  /** This user as a member of a company. */
  public UserInfo inCompany(@Nullable String company) {
    return new UserInfo(id, firstName, lastName, email, role, roleName, company);
  }

  /** A user whose host role name is the SDK role's name. */
  public UserInfo(
      String id,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String email,
      Role role) {
    this(id, firstName, lastName, email, role, role.name());
  }
}
