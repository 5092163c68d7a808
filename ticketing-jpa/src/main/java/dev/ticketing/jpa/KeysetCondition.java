package dev.ticketing.jpa;

/**
 * The keyset condition of a ticket page: the tickets after the last one shown, by creation time
 * and then id, written so that every supported database seeks in its index instead of walking it.
 */
final class KeysetCondition {

  private KeysetCondition() {}

  /**
   * Tickets after the position in the order {@code op} ({@code <} newest first, {@code >} oldest
   * first), in the expanded form every planner turns into an index range. MariaDB plans the row
   * value {@code (created_at, id) < (?, ?)} as a walk of the whole index from its first entry (6 s
   * for a page 8% deep at a million tickets); the leading {@code created_at <= ?} gives each planner
   * a bound on the second column of the scope's index, the rest is the exact position.
   */
  static String after(String t, String op) {
    return after(t + ".createdAt", t + ".id", op);
  }

  /**
   * The same condition on other paths of the creation time and the ticket id: those of a ticket's
   * tag row, which repeats both, when the page is read from the tag rows ({@link TagFilterHql}).
   */
  static String after(String c, String id, String op) {
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
        + id
        + " "
        + op
        + " :afterId))";
  }
}
