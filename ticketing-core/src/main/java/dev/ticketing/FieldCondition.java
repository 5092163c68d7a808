package dev.ticketing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A list filter on one custom field: tickets whose value equals {@link #equalTo()} (for a multiple
 * choice field, that hold the choice), or lies between {@link #from()} and {@link #to()}, both
 * inclusive, either open (number, decimal and date fields). Values are given like field values
 * ({@link CustomFieldService}); the engine checks them against the definition and hands stores
 * their canonical form ({@link FieldValue}'s classes, a choice or text as {@link String}).
 *
 * @param key the field
 * @param equalTo the value to equal, or null for a range
 * @param from the range's lower bound, or null
 * @param to the range's upper bound, or null
 * @since 0.2.0
 */
public record FieldCondition(
    String key, @Nullable Object equalTo, @Nullable Object from, @Nullable Object to) {

  public FieldCondition {
    Objects.requireNonNull(key, "key");
  }

  public static FieldCondition equalTo(String key, Object value) {
    return new FieldCondition(key, Objects.requireNonNull(value), null, null);
  }

  public static FieldCondition between(String key, @Nullable Object from, @Nullable Object to) {
    return new FieldCondition(key, null, from, to);
  }

  /** Whether this is a range (no {@link #equalTo()}). */
  public boolean range() {
    return equalTo == null;
  }
}
