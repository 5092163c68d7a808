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
 * @since 0.1.0
 */
public record UserInfo(
    String id,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String email,
    Role role,
    String roleName) {

  public UserInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
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
