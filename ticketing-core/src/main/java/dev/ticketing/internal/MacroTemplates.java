package dev.ticketing.internal;

import dev.ticketing.MacroService;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of macro bodies: {@code {{name}}} (spaces inside the braces allowed), the names
 * of {@link MacroService#VARIABLES} only. Rendering replaces each with its value as it is: bodies
 * become comments, which are plain text.
 */
final class MacroTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private MacroTemplates() {}

  /** The names a body uses that are not variables, each once, in order of appearance. */
  static Set<String> unknownVariables(String body) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(body);
    while (m.find()) {
      if (!MacroService.VARIABLES.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** The body with every variable replaced by its value (missing values: empty). */
  static String render(String body, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
