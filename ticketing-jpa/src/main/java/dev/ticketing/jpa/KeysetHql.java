package dev.ticketing.jpa;

/** The keyset position of a listing in HQL: the tickets after a {@code (createdAt, id)} pair. */
final class KeysetHql {
  private KeysetHql() {}

  /**
   * Tickets after the position in the order {@code op} ({@code <} newest first, {@code >} oldest
   * first), in the expanded form every planner turns into an index range. MariaDB plans the row
   * value {@code (created_at, id) < (?, ?)} as a walk of the whole index from its first entry (6 s
   * for a page 8% deep at a million tickets); the leading {@code created_at <= ?} gives each planner
   * a bound on the second column of the scope's index, the rest is the exact position.
   */
  static String after(String t, String op) {
    String c = t + ".createdAt";
    return c
        + " "
        + op
        + "= :afterCreatedAt and ("
        + c
        + " "
        + op
        + " :afterCreatedAt or ("
        + c
        + " = :afterCreatedAt and "
        + t
        + ".id "
        + op
        + " :afterId))";
  }
}
