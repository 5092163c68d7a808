package dev.ticketing;

/**
 * The type of a custom field, which decides what its values are and how they compare.
 *
 * @since 0.2.0
 */
public enum FieldType {
  /** Free text, 1 to {@link FieldDefinition#MAX_TEXT_LENGTH} characters after trimming. */
  TEXT,
  /** A whole number ({@code long}). */
  NUMBER,
  /** A decimal number, at most 18 digits before the point and 10 after. */
  DECIMAL,
  /** A calendar date, without time or zone. */
  DATE,
  /** True or false. */
  BOOLEAN,
  /** One of the definition's choices. */
  CHOICE,
  /** Any number of the definition's choices, each once. */
  MULTI_CHOICE,
  /** Text that must match the definition's regular expression in full. */
  PATTERN;

  /** Whether values of this type compare by range (number, decimal, date). */
  public boolean ordered() {
    return this == NUMBER || this == DECIMAL || this == DATE;
  }
}
