package dev.ticketing.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds source files longer than a limit whose top-level Javadoc gives no reason for the length. A
 * class a reader cannot take in at one sitting is usually two classes; when splitting it would
 * hurt (a benchmark that must read as one script, an example that is one story), its Javadoc says
 * so in a sentence starting "Long because". Line counts are a property of the source, not of the
 * class files, so this reads the sources.
 */
final class LongClasses {

  /** The most lines a main source file has without a written reason. */
  static final int MAX_LINES = 400;

  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(?:public\\s+)?(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s",
          Pattern.MULTILINE);

  // A sentence of its own: at the start of the comment or of a paragraph, or after a full stop;
  // and a reason of a few words, not the bare phrase.
  private static final Pattern REASON =
      Pattern.compile("(?:^|[.!?]\\s+|<p>\\s*)Long because\\s+\\S+(?:\\s+\\S+){2,}");

  private LongClasses() {}

  /**
   * The source files under {@code sourceRoot} longer than {@code maxLines} without a "Long because"
   * sentence in their top-level Javadoc, as paths relative to {@code base}, except those in {@code
   * allowed} (relative to {@code base} too).
   */
  static List<String> withoutReason(Path base, Path sourceRoot, int maxLines, Set<String> allowed) {
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> lines(file) > maxLines)
          .filter(file -> !hasReason(file))
          .map(file -> base.relativize(file).toString().replace('\\', '/'))
          .filter(file -> !allowed.contains(file))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasReason(Path file) {
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher declaration = TOP_LEVEL_TYPE.matcher(source);
    if (!declaration.find()) {
      return false;
    }
    String head = source.substring(0, declaration.start());
    int start = head.lastIndexOf("/**");
    int end = head.lastIndexOf("*/");
    if (start < 0 || end < start) {
      return false;
    }
    // The comment's text without the leading asterisks, lines joined: a sentence may wrap.
    String text =
        head.substring(start + 3, end)
            .lines()
            .map(line -> line.strip().replaceFirst("^\\*\\s?", ""))
            .reduce("", (a, b) -> a + " " + b)
            .strip();
    return REASON.matcher(text).find();
  }
}
