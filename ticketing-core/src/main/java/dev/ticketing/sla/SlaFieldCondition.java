package dev.ticketing.sla;

import dev.ticketing.ValidationException;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A policy's condition on one custom field value of a ticket. The engine reads values as the audit
 * log writes them (a multiple choice value as its choices joined with {@code ", "}), so a policy
 * picked from the stored values and one picked again from the history agree.
 *
 * <p>With choices ({@link #oneOf}), a ticket meets it when the value is one of them, or, for a
 * multiple choice field, holds one of them. With bounds ({@link #between}), when the value is a
 * number (whole or decimal) within them, both inclusive. A ticket without a value never meets it.
 *
 * @param key the field's key
 * @param anyOf the values of which the ticket's value is (or holds) one; empty: no such condition
 * @param atLeast the least number the value may be; null: no lower bound
 * @param atMost the greatest number the value may be; null: no upper bound
 * @since 0.2.0
 */
public record SlaFieldCondition(
    String key, Set<String> anyOf, @Nullable BigDecimal atLeast, @Nullable BigDecimal atMost) {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public SlaFieldCondition {
    if (key == null || !KEY.matcher(key).matches()) {
      throw ValidationException.of(
          "policy.fields", "'" + key + "' is not a field key (1 to 64 of a-z 0-9 _)");
    }
    anyOf = Set.copyOf(anyOf);
    if (anyOf.stream().anyMatch(String::isBlank)) {
      throw ValidationException.of("policy.fields." + key, "values must not be blank");
    }
    if (anyOf.isEmpty() && atLeast == null && atMost == null) {
      throw ValidationException.of("policy.fields." + key, "must name values or a bound");
    }
    if (!anyOf.isEmpty() && (atLeast != null || atMost != null)) {
      throw ValidationException.of("policy.fields." + key, "takes values or bounds, not both");
    }
    if (atLeast != null && atMost != null && atLeast.compareTo(atMost) > 0) {
      throw ValidationException.of("policy.fields." + key, "the lower bound exceeds the upper");
    }
  }

  /** The value equals {@code value} (or, for a multiple choice field, holds it). */
  public static SlaFieldCondition equalTo(String key, String value) {
    return new SlaFieldCondition(key, Set.of(value), null, null);
  }

  /** The value is (or holds) one of {@code values}. */
  public static SlaFieldCondition oneOf(String key, Set<String> values) {
    return new SlaFieldCondition(key, values, null, null);
  }

  /** The value is a number from {@code from} to {@code to}, both inclusive, null: open. */
  public static SlaFieldCondition between(
      String key, @Nullable BigDecimal from, @Nullable BigDecimal to) {
    return new SlaFieldCondition(key, Set.of(), from, to);
  }

  /**
   * Whether a ticket whose value of this field is {@code value} meets the condition.
   *
   * @param value the value as the audit log writes it; null: the ticket has none
   */
  public boolean matches(@Nullable String value) {
    if (value == null) {
      return false;
    }
    if (!anyOf.isEmpty()) {
      if (anyOf.contains(value)) {
        return true;
      }
      for (String held : value.split(", ")) {
        if (anyOf.contains(held)) {
          return true;
        }
      }
      return false;
    }
    BigDecimal n;
    try {
      n = new BigDecimal(value);
    } catch (NumberFormatException e) {
      return false;
    }
    return (atLeast == null || n.compareTo(atLeast) >= 0)
        && (atMost == null || n.compareTo(atMost) <= 0);
  }
}
