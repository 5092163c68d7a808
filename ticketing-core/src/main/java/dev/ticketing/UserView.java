package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * A user as the host's directory describes it. Fields are null when the directory does not know
 * the user (for example a deleted account); {@link #id()} is always there.
 *
 * @param roleName the host's own role name (seed 000's {@code role { name }})
 */
public record UserView(
    String id,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String email,
    @Nullable String roleName) {

  /** A user the directory does not know. */
  public static UserView unknown(String id) {
    return new UserView(id, null, null, null, null);
  }
}
