package dev.ticketing.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents every property the configuration processor generated, with its
 * default: the generated metadata is the source, the page must follow it.
 */
class ConfigurationDocsTest {

  private static final Pattern PROPERTY =
      Pattern.compile(
          "\\{\\s*\"name\"\\s*:\\s*\"(ticketing\\.[^\"]+)\"[^}]*?(?:\"defaultValue\"\\s*:\\s*(\"[^\"]*\"|[^,}\\s]+))?[^}]*}",
          Pattern.DOTALL);

  @Test
  void everyGeneratedPropertyIsDocumentedWithItsDefault() throws IOException {
    String metadata =
        Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
    String docs = Files.readString(Path.of("../docs/configuration.md"));

    List<String> names = new ArrayList<>();
    int start = metadata.indexOf("\"properties\"");
    // The hints follow the properties; their names (with .keys and .values) are not properties.
    int hints = metadata.indexOf("\"hints\"", start);
    Matcher m = PROPERTY.matcher(metadata.substring(start, hints < 0 ? metadata.length() : hints));
    while (m.find()) {
      String name = m.group(1);
      names.add(name);
      String row =
          docs.lines().filter(l -> l.startsWith("| `" + name + "` |")).findFirst().orElse("");
      assertThat(row).as("docs/configuration.md row of %s", name).isNotEmpty();
      if (m.group(2) != null) {
        String value = m.group(2).replace("\"", "");
        assertThat(row).as("default of %s", name).contains("`" + value + "`");
      }
    }
    assertThat(names)
        .as("properties found in the metadata")
        .hasSizeGreaterThan(20)
        .contains("ticketing.store.type");
  }
}
