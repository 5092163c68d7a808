package dev.ticketing;

/**
 * Whether a new ticket needs a title, and where the title comes from when it has none. Hosts whose
 * tickets are a subject and a description (no title field in their forms) pick one of the {@code
 * FROM_} rules; a title that is given is validated the same way under every rule.
 *
 * @since 0.2.0
 */
public enum TitleRule {
  /** Every new ticket needs a title of 1 to 200 characters (the default). */
  REQUIRED,
  /** The title may be left out; it is then the subject's label (at most 200 characters). */
  FROM_SUBJECT,
  /** The title may be left out; it is then the description's first line (at most 200 characters). */
  FROM_DESCRIPTION
}
