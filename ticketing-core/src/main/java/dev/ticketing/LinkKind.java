package dev.ticketing;

/**
 * How one ticket is linked to another of the same company. A link is read from the ticket that
 * was named first: "{@code ticket} PARENT_OF {@code other}".
 *
 * @since 0.2.0
 */
public enum LinkKind {
  /** The two tickets concern each other; the link reads the same from both ends. */
  RELATED,
  /**
   * The ticket is the parent of the other (the other is one of its child tickets). A ticket has at
   * most one parent, and parent–child links never form a cycle.
   */
  PARENT_OF,
  /** The ticket duplicates the other, the original; two tickets never duplicate each other. */
  DUPLICATE_OF
}
