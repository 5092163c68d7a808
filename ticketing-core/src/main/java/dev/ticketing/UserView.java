package dev.ticketing;

import org.jspecify.annotations.Nullable;

/**
 * A user as the host's directory describes it. When the directory does not know the user (for
 * example a deleted account) or could not be asked (it was down), only {@link #id()} is there: the
 * other fields are null and {@link #known()} is false.
 *
 * @param roleName the host's own role name (the GraphQL ticket module's {@code role { name }})
 * @param known whether the directory described this user; false marks the display data as unknown
 * @since 0.1.0
 */
public record UserView(
    String id,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String email,
    @Nullable String roleName,
    boolean known) {

  /** A user the directory described. */
  public UserView(
      String id,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String email,
      @Nullable String roleName) {
    this(id, firstName, lastName, email, roleName, true);
  }

  /** A user the directory does not know, or could not be asked about: the id only. */
  public static UserView unknown(String id) {
    return new UserView(id, null, null, null, null, false);
  }
}
