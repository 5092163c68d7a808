package dev.ticketing.jpa;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list of ids or tags in one column, as {@code " a b "}: delimited by single spaces, with one at
 * each end, so that {@code like '% a %'} finds an element and never part of one (neither ids nor
 * tags hold white space). Null when empty.
 */
final class DelimitedList {
  private DelimitedList() {}

  static @Nullable String encode(List<String> values) {
    return values.isEmpty() ? null : " " + String.join(" ", values) + " ";
  }

  static List<String> decode(@Nullable String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    return Arrays.stream(column.strip().split(" ")).filter(v -> !v.isEmpty()).toList();
  }

  /** The {@code like} pattern that finds one element, escaped with {@code escape}. */
  static String containing(String value, char escape) {
    return "% " + escapeLike(value, escape) + " %";
  }

  /** The text with {@code like}'s wild cards and the escape character escaped by {@code '!'}. */
  static String escapeLike(String term) {
    return escapeLike(term, '!');
  }

  private static String escapeLike(String term, char escape) {
    StringBuilder out = new StringBuilder(term.length() + 8);
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == escape || c == '%' || c == '_') {
        out.append(escape);
      }
      out.append(c);
    }
    return out.toString();
  }
}
