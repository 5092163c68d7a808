package dev.ticketing.jpa;

import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A ticket's custom field values as the text of one column: a line per field, {@code key TAB type
 * TAB value} (a multiple choice value's choices each after a TAB), backslash, TAB and line feed
 * escaped in text. Null when the ticket has none.
 */
final class FieldValuesColumn {
  private FieldValuesColumn() {}

  static @Nullable String encode(Map<String, FieldValue> values) {
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    values.forEach(
        (key, v) -> {
          if (out.length() > 0) {
            out.append('\n');
          }
          out.append(key).append('\t').append(v.type().name());
          switch (v.type()) {
            case MULTI_CHOICE -> v.heldChoices().forEach(c -> out.append('\t').append(escape(c)));
            case TEXT, PATTERN, CHOICE -> out.append('\t').append(escape((String) v.value()));
            default -> out.append('\t').append(v);
          }
        });
    return out.toString();
  }

  static Map<String, FieldValue> decode(@Nullable String column) {
    if (column == null || column.isEmpty()) {
      return Map.of();
    }
    Map<String, FieldValue> out = new TreeMap<>();
    for (String line : column.split("\n", -1)) {
      String[] parts = line.split("\t", -1);
      FieldType type = FieldType.valueOf(parts[1]);
      out.put(parts[0], value(type, parts));
    }
    return out;
  }

  private static FieldValue value(FieldType type, String[] parts) {
    return switch (type) {
      case TEXT, PATTERN, CHOICE -> new FieldValue(type, unescape(parts[2]));
      case NUMBER -> FieldValue.number(Long.parseLong(parts[2]));
      case DECIMAL -> FieldValue.decimal(new BigDecimal(parts[2]));
      case DATE -> FieldValue.date(LocalDate.parse(parts[2]));
      case BOOLEAN -> FieldValue.bool(Boolean.parseBoolean(parts[2]));
      case MULTI_CHOICE -> {
        List<String> choices = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
          choices.add(unescape(parts[i]));
        }
        yield FieldValue.choices(choices);
      }
    };
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
