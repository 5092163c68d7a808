package dev.ticketing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A custom field's value on a ticket, in its canonical form: {@link String} for {@link
 * FieldType#TEXT}, {@link FieldType#PATTERN} and {@link FieldType#CHOICE}, {@link Long} for {@link
 * FieldType#NUMBER}, {@link BigDecimal} (without trailing zeros) for {@link FieldType#DECIMAL},
 * {@link LocalDate} for {@link FieldType#DATE}, {@link Boolean} for {@link FieldType#BOOLEAN} and a
 * sorted list of distinct strings for {@link FieldType#MULTI_CHOICE}.
 *
 * @param type the field's type when the value was set
 * @param value the value, of the class its type names
 * @since 0.2.0
 */
public record FieldValue(FieldType type, Object value) {

  public FieldValue {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    value = canonical(type, value);
  }

  private static Object canonical(FieldType type, Object value) {
    switch (type) {
      case TEXT, PATTERN, CHOICE -> {
        return (String) value;
      }
      case NUMBER -> {
        return (Long) value;
      }
      case DECIMAL -> {
        BigDecimal d = ((BigDecimal) value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
      }
      case DATE -> {
        return (LocalDate) value;
      }
      case BOOLEAN -> {
        return (Boolean) value;
      }
      case MULTI_CHOICE -> {
        List<String> out = new ArrayList<>();
        for (Object o : (Collection<?>) value) {
          out.add((String) Objects.requireNonNull(o));
        }
        return List.copyOf(new TreeSet<>(out));
      }
    }
    throw new IllegalArgumentException(type.name());
  }

  public static FieldValue text(String v) {
    return new FieldValue(FieldType.TEXT, v);
  }

  public static FieldValue number(long v) {
    return new FieldValue(FieldType.NUMBER, v);
  }

  public static FieldValue decimal(BigDecimal v) {
    return new FieldValue(FieldType.DECIMAL, v);
  }

  public static FieldValue date(LocalDate v) {
    return new FieldValue(FieldType.DATE, v);
  }

  public static FieldValue bool(boolean v) {
    return new FieldValue(FieldType.BOOLEAN, v);
  }

  public static FieldValue choice(String v) {
    return new FieldValue(FieldType.CHOICE, v);
  }

  public static FieldValue choices(Collection<String> v) {
    return new FieldValue(FieldType.MULTI_CHOICE, v);
  }

  public static FieldValue pattern(String v) {
    return new FieldValue(FieldType.PATTERN, v);
  }

  /** The choices a value holds: the one choice, the multiple choices, none for other types. */
  @SuppressWarnings("unchecked")
  public List<String> heldChoices() {
    return switch (type) {
      case CHOICE -> List.of((String) value);
      case MULTI_CHOICE -> (List<String>) value;
      default -> List.of();
    };
  }

  /**
   * The value as text: what audit entries record and what a text input would give to set it again
   * (multiple choices joined with {@code ", "}, decimals in plain notation).
   */
  @Override
  public String toString() {
    return switch (type) {
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case MULTI_CHOICE -> String.join(", ", heldChoices());
      default -> value.toString();
    };
  }
}
