package dev.ticketing.notification;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON the webhook payload needs (flat objects of strings, one nested string map),
 * without a JSON library in the core. Strings are escaped per RFC 8259: quote, backslash and every
 * control character; U+2028 and U+2029 too, so the output is also safe inside JavaScript.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder(256);
  private boolean first = true;

  JsonWriter() {
    out.append('{');
  }

  JsonWriter field(String name, @Nullable String value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      string(out, value);
    }
    return this;
  }

  /** A nested object of strings, keys sorted so the same data gives the same bytes. */
  JsonWriter field(String name, Map<String, String> values) {
    key(name);
    out.append('{');
    boolean firstEntry = true;
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      if (!firstEntry) {
        out.append(',');
      }
      firstEntry = false;
      string(out, e.getKey());
      out.append(':');
      string(out, e.getValue());
    }
    out.append('}');
    return this;
  }

  String end() {
    return out.append('}').toString();
  }

  private void key(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(out, name);
    out.append(':');
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    string(b, s);
    return b.toString();
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c); // includes surrogate pairs, which UTF-8 encoding keeps intact
          }
        }
      }
    }
    b.append('"');
  }
}
