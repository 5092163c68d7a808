package dev.ticketing.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds public types whose class Javadoc says no {@code @since}: hosts read it to know which release
 * a type needs. Javadoc is not in the class files, so this reads the sources; internal packages are
 * not API and are left out.
 */
final class SinceTags {

  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s",
          Pattern.MULTILINE);

  private SinceTags() {}

  /** The source files under {@code sourceRoot} that declare a public type without {@code @since}. */
  static List<Path> missing(Path sourceRoot) {
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.getFileName().toString().equals("package-info.java"))
          .filter(
              file ->
                  !sourceRoot.relativize(file).toString().replace('\\', '/').contains("/internal/"))
          .filter(SinceTags::lacksSince)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean lacksSince(Path file) {
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var declaration = PUBLIC_TYPE.matcher(source);
    if (!declaration.find()) {
      return false; // package-private: not API
    }
    String head = source.substring(0, declaration.start());
    int javadoc = head.lastIndexOf("/**");
    return javadoc < 0 || !head.substring(javadoc).contains("@since");
  }
}
