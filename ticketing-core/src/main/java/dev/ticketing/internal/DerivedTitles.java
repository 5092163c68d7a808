package dev.ticketing.internal;

import dev.ticketing.TitleRule;
import dev.ticketing.spi.Subject;

/**
 * The title of a ticket created without one, by the configured {@link TitleRule}: the subject's
 * label or the description's first line, made to pass the rules a given title passes (one line,
 * no control characters, 1 to 200 characters).
 */
final class DerivedTitles {
  static final int MAX = 200;

  private DerivedTitles() {}

  /**
   * @param description the validated, stripped description (not blank)
   * @throws IllegalStateException under {@link TitleRule#REQUIRED}, where nothing is derived
   */
  static String derive(TitleRule rule, Subject subject, String description) {
    return switch (rule) {
      case REQUIRED -> throw new IllegalStateException("titles are required; nothing to derive");
      case FROM_SUBJECT -> orElse(oneLine(subject.label()), subject.id());
      case FROM_DESCRIPTION -> orElse(oneLine(firstLine(description)), subject.id());
    };
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** Control characters (the host's label may hold any) become spaces; at most {@value #MAX} characters. */
  static String oneLine(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX * 2));
    text.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    String line = b.toString().strip();
    if (line.codePointCount(0, line.length()) <= MAX) {
      return line;
    }
    int cut = line.offsetByCodePoints(0, MAX - 1);
    return line.substring(0, cut).stripTrailing() + "\u2026";
  }

  private static String orElse(String text, String fallback) {
    return text.isEmpty() ? fallback : text;
  }
}
