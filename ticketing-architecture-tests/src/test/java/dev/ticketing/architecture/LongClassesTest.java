package dev.ticketing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No main class over {@value LongClasses#MAX_LINES} lines without a reason at its top: every
 * published module, the examples and the benchmarks.
 */
class LongClassesTest {

  /** Surefire runs in this module's folder; the other modules are its siblings. */
  private static final Path PROJECT = Path.of("..");

  private static final List<String> MODULES =
      List.of(
          "ticketing-core",
          "ticketing-tck",
          "ticketing-jpa",
          "ticketing-s3",
          "ticketing-email",
          "ticketing-spring-autoconfigure",
          "ticketing-test-support",
          "benchmarks");

  // No exceptions: a long class says why at its top. (The mechanism stays for a class that is
  // being split across several changes.)
  private static final Set<String> ALLOWED = Set.of();

  @Test
  void noMainClassIsLongWithoutAReason() throws IOException {
    List<Path> roots = new ArrayList<>();
    for (String module : MODULES) {
      roots.add(PROJECT.resolve(module).resolve("src/main/java"));
    }
    try (Stream<Path> examples = Files.list(PROJECT.resolve("examples"))) {
      examples
          .map(example -> example.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .forEach(roots::add);
    }
    assertThat(roots).hasSizeGreaterThan(MODULES.size()); // the examples were found
    List<String> tooLong = new ArrayList<>();
    for (Path root : roots) {
      assertThat(root).isDirectory();
      tooLong.addAll(LongClasses.withoutReason(PROJECT, root, LongClasses.MAX_LINES, ALLOWED));
    }
    assertThat(tooLong)
        .as(
            "main classes over %d lines: split them, or start a sentence of the class Javadoc"
                + " with \"Long because\" and give the reason",
            LongClasses.MAX_LINES)
        .isEmpty();
  }

  @Test
  void aLongClassWithoutAReasonIsReported() {
    // The deliberate violator of this module's test sources.
    Path violations = Path.of("src/test/java/dev/ticketing/workflow/violation");
    assertThat(LongClasses.withoutReason(Path.of("src/test/java"), violations, 400, Set.of()))
        .containsExactly("dev/ticketing/workflow/violation/LongWithoutReason.java");
  }

  @Test
  void aReasonOrTheAllowListLetsALongClassPass(@TempDir Path sources) throws IOException {
    String fields = "  int f;\n".repeat(LongClasses.MAX_LINES);
    Files.writeString(
        sources.resolve("Explained.java"),
        "/**\n * A table.\n *\n * <p>Long because every row of the table is read in order.\n */\n"
            + "final class Explained {\n"
            + fields
            + "}\n");
    Files.writeString(
        sources.resolve("Bare.java"),
        "/** Long because. */\nfinal class Bare {\n" + fields + "}\n");
    Files.writeString(sources.resolve("Listed.java"), "final class Listed {\n" + fields + "}\n");
    Files.writeString(sources.resolve("Short.java"), "final class Short {}\n");

    assertThat(LongClasses.withoutReason(sources, sources, 400, Set.of("Listed.java")))
        .as("a bare \"Long because\" gives no reason")
        .containsExactly("Bare.java");
  }
}
