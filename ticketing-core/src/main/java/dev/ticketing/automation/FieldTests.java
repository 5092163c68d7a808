package dev.ticketing.automation;

import dev.ticketing.FieldValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The custom field conditions of a rule over a ticket's value: numbers and decimals by value, dates
 * by day, booleans ignoring case, text and choices exactly; a multiple choice value is each choice
 * it holds. A value the field's type cannot read (its definition changed since) matches nothing.
 */
final class FieldTests {

  private FieldTests() {}

  static boolean is(@Nullable FieldValue v, Set<String> wanted) {
    if (v == null) {
      return false;
    }
    if (!v.heldChoices().isEmpty()) {
      return v.heldChoices().stream().anyMatch(wanted::contains);
    }
    for (String w : wanted) {
      Integer cmp = compare(v, w);
      if (cmp != null && cmp == 0) {
        return true;
      }
    }
    return false;
  }

  static boolean between(@Nullable FieldValue v, @Nullable String from, @Nullable String to) {
    if (v == null || !v.type().ordered()) {
      return false;
    }
    Integer low = from == null ? Integer.valueOf(1) : compare(v, from);
    Integer high = to == null ? Integer.valueOf(-1) : compare(v, to);
    return low != null && high != null && low >= 0 && high <= 0;
  }

  /** The value compared with {@code given} read by the value's type; null when it cannot be read. */
  private static @Nullable Integer compare(FieldValue v, String given) {
    try {
      return switch (v.type()) {
        case NUMBER, DECIMAL ->
            new BigDecimal(v.toString()).compareTo(new BigDecimal(given.strip()));
        case DATE -> ((LocalDate) v.value()).compareTo(LocalDate.parse(given.strip()));
        case BOOLEAN -> v.value().toString().equals(given.strip().toLowerCase(Locale.ROOT)) ? 0 : 1;
        default -> v.value().equals(given) ? 0 : 1;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }
}
