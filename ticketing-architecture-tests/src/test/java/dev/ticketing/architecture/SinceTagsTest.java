package dev.ticketing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every public type of the published modules says since which release it exists. */
class SinceTagsTest {

  /** Surefire runs in this module's folder; the published modules are its siblings. */
  private static final Path PROJECT = Path.of("..");

  @Test
  void everyPublicTypeOfThePublishedModulesHasSince() {
    for (String module :
        new String[] {
          "ticketing-core",
          "ticketing-jpa",
          "ticketing-s3",
          "ticketing-email",
          "ticketing-spring-autoconfigure",
          "ticketing-test-support"
        }) {
      Path sources = PROJECT.resolve(module).resolve("src/main/java");
      assertThat(sources).isDirectory();
      assertThat(SinceTags.missing(sources)).as(module + ": public types without @since").isEmpty();
    }
  }

  @Test
  void aPublicTypeWithoutSinceIsReported(@TempDir Path sources) throws IOException {
    Path api = Files.createDirectories(sources.resolve("dev/ticketing"));
    Files.writeString(
        api.resolve("Tagged.java"),
        """
        package dev.ticketing;

        /**
         * Tagged.
         *
         * @since 0.1.0
         */
        public record Tagged(String id) {}
        """);
    Files.writeString(
        api.resolve("Untagged.java"),
        """
        package dev.ticketing;

        /** Untagged. */
        public final class Untagged {}
        """);
    Files.writeString(
        api.resolve("Hidden.java"),
        """
        package dev.ticketing;

        final class Hidden {}
        """);
    Path internal = Files.createDirectories(api.resolve("internal"));
    Files.writeString(
        internal.resolve("Engine.java"),
        """
        package dev.ticketing.internal;

        public final class Engine {}
        """);

    assertThat(SinceTags.missing(sources)).containsExactly(api.resolve("Untagged.java"));
  }
}
