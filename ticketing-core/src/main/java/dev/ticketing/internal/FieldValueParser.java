package dev.ticketing.internal;

import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import dev.ticketing.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a given value of a non-choice field into its canonical {@link FieldValue}: typed Java values
 * as they are, text as a host received it parsed by the field's type; anything else a violation
 * named {@code fields.<key>}. Compiled patterns are kept per regular expression.
 */
final class FieldValueParser {

  private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");

  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  @Nullable FieldValue typed(
      FieldDefinition d, FieldType type, Object raw, List<Violation> problems) {
    String field = FieldRules.name(d.key());
    switch (type) {
      case TEXT, PATTERN -> {
        if (!(raw instanceof String s)) {
          problems.add(new Violation(field, "must be text"));
          return null;
        }
        String text = s.strip();
        if (text.isEmpty()
            || text.length() > FieldDefinition.MAX_TEXT_LENGTH
            || text.chars().anyMatch(Character::isISOControl)) {
          problems.add(
              new Violation(
                  field,
                  "must be 1 to "
                      + FieldDefinition.MAX_TEXT_LENGTH
                      + " characters after trimming, without control characters"));
          return null;
        }
        if (type == FieldType.PATTERN && !pattern(d).matcher(text).matches()) {
          problems.add(new Violation(field, "does not match the pattern " + d.pattern()));
          return null;
        }
        return new FieldValue(type, text);
      }
      case NUMBER -> {
        Long n = whole(raw);
        if (n == null) {
          problems.add(new Violation(field, "must be a whole number"));
          return null;
        }
        return FieldValue.number(n);
      }
      case DECIMAL -> {
        BigDecimal n = decimal(raw);
        if (n == null) {
          problems.add(new Violation(field, "must be a decimal number"));
          return null;
        }
        BigDecimal plain = n.stripTrailingZeros();
        if (plain.scale() > 10 || plain.precision() - plain.scale() > 18) {
          problems.add(
              new Violation(field, "must have at most 18 digits before the point and 10 after"));
          return null;
        }
        return FieldValue.decimal(plain);
      }
      case DATE -> {
        if (raw instanceof LocalDate date) {
          return FieldValue.date(date);
        }
        if (raw instanceof String s) {
          try {
            return FieldValue.date(LocalDate.parse(s.strip()));
          } catch (DateTimeParseException e) {
            // falls through to the violation
          }
        }
        problems.add(new Violation(field, "must be a date (yyyy-MM-dd)"));
        return null;
      }
      case BOOLEAN -> {
        if (raw instanceof Boolean b) {
          return FieldValue.bool(b);
        }
        if ("true".equals(raw) || "false".equals(raw)) {
          return FieldValue.bool(Boolean.parseBoolean((String) raw));
        }
        problems.add(new Violation(field, "must be true or false"));
        return null;
      }
      default -> {
        problems.add(new Violation(field, "must be one of the field's choices"));
        return null;
      }
    }
  }

  private static @Nullable Long whole(Object raw) {
    if (raw instanceof Long
        || raw instanceof Integer
        || raw instanceof Short
        || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (raw instanceof BigDecimal b) {
      try {
        return b.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (raw instanceof String s && DIGITS.matcher(s.strip()).matches()) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable BigDecimal decimal(Object raw) {
    if (raw instanceof BigDecimal b) {
      return b;
    }
    if (raw instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
    }
    if (raw instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? null : new BigDecimal(f.toString());
    }
    if (raw instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    Long n = raw instanceof String ? null : whole(raw);
    if (n != null) {
      return BigDecimal.valueOf(n);
    }
    if (raw instanceof String s && s.strip().length() <= 40) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private Pattern pattern(FieldDefinition d) {
    String regex = java.util.Objects.requireNonNull(d.pattern(), "a pattern field has a pattern");
    return patterns.computeIfAbsent(regex, Pattern::compile);
  }

  /** Whether a regular expression compiles (definitions are checked with it). */
  static boolean compiles(String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
