package dev.ticketing.examples.comdeall;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The platform's users, as its own user table would hold them: UUID ids, e-mail, names and one
 * Comdeall role each. Everyone's password is {@code demo}.
 */
final class DemoUsers {

  /** A user of the platform; {@code role} is the Comdeall role name (PARENT, THERAPIST, ADMIN). */
  record User(String id, String email, String firstName, String lastName, String role) {}

  static final User PARENT =
      new User(
          "8f4e2a51-3c7b-4d19-9a6e-1b2c3d4e5f60",
          "parent@comdeall.test",
          "Priya",
          "Parent",
          "PARENT");
  static final User PARENT_2 =
      new User(
          "2a9d7c14-6e3f-4b8a-8c21-7d6e5f4a3b20",
          "parent2@comdeall.test",
          "Paul",
          "Parker",
          "PARENT");
  static final User THERAPIST =
      new User(
          "5c1b9e73-0d2a-4f6e-b8c4-3a2b1c0d9e81",
          "therapist@comdeall.test",
          "Theo",
          "Therapist",
          "THERAPIST");
  static final User ADMIN =
      new User(
          "0e7d6c5b-4a39-4281-9f0e-d1c2b3a49586", "admin@comdeall.test", "Ada", "Admin", "ADMIN");
  static final User ADMIN_2 =
      new User(
          "6b5a4938-2716-4e5d-8c3b-a29180f7e6d5", "admin2@comdeall.test", "Alan", "Admin", "ADMIN");

  static final List<User> ALL = List.of(PARENT, PARENT_2, THERAPIST, ADMIN, ADMIN_2);

  private DemoUsers() {}

  static Optional<User> byEmail(String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(u -> u.email().equals(wanted)).findFirst();
  }

  static Optional<User> byId(String id) {
    return ALL.stream().filter(u -> u.id().equals(id)).findFirst();
  }
}
