package dev.ticketing.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Category;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.TicketingOptions;
import dev.ticketing.TitleRule;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.autoconfigure.TicketingProperties;
import dev.ticketing.spring.email.TicketingEmailProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What an IDE shows for the {@code ticketing.*} properties, read from the metadata the build
 * generated and merged: descriptions are plain text, and the value hints list exactly the values
 * the library knows, so a new template, role, operation or category cannot be missing from them.
 */
class ConfigurationMetadataTest {

  private static final Map<String, Object> METADATA = read();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read() {
    try {
      // JSON is YAML, but for the escaped solidus JSON allows and YAML does not: the test reads it
      // with the YAML parser it already has.
      String json =
          Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
      return new Yaml().load(json.replace("\\/", "/"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(String kind) {
    return (List<Map<String, Object>>) METADATA.getOrDefault(kind, List.of());
  }

  @SuppressWarnings("unchecked")
  private static Set<String> hintValues(String name) {
    return items("hints").stream()
        .filter(h -> name.equals(h.get("name")))
        .flatMap(h -> ((List<Map<String, Object>>) h.get("values")).stream())
        .map(v -> String.valueOf(v.get("value")))
        .collect(Collectors.toSet());
  }

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
  }

  @Test
  void descriptionsAreTextNotJavadoc() {
    List<String> javadoc =
        items("properties").stream()
            .filter(p -> String.valueOf(p.get("name")).startsWith("ticketing."))
            .filter(p -> String.valueOf(p.get("description")).matches("(?s).*(\\{@|</?[a-z]).*"))
            .map(p -> p.get("name") + ": " + p.get("description"))
            .toList();
    assertThat(javadoc).as("descriptions with Javadoc tags or HTML").isEmpty();
  }

  @Test
  void everyHintNamesAProperty() {
    Set<String> properties =
        items("properties").stream()
            .map(p -> String.valueOf(p.get("name")))
            .collect(Collectors.toSet());
    assertThat(items("hints")).isNotEmpty();
    for (Map<String, Object> hint : items("hints")) {
      String name = String.valueOf(hint.get("name")).replaceFirst("\\.(keys|values)$", "");
      assertThat(properties).as("property of hint %s", hint.get("name")).contains(name);
    }
  }

  @Test
  void hintsListTheValuesTheLibraryKnows() {
    assertThat(hintValues("ticketing.notifications.disabled"))
        .containsExactlyInAnyOrderElementsOf(
            NotificationTemplate.builtIns().stream().map(NotificationTemplate::name).toList());
    assertThat(hintValues("ticketing.categories"))
        .containsExactlyInAnyOrderElementsOf(
            Category.BUILT_IN.stream().map(Category::name).toList());
    assertThat(hintValues("ticketing.attachments.allowed-content-types"))
        .containsExactlyInAnyOrderElementsOf(TicketingOptions.DEFAULT_CONTENT_TYPES);
    assertThat(hintValues("ticketing.roles.mapping.values")).isEqualTo(names(Role.values()));
    assertThat(hintValues("ticketing.notifications.resolution-notice-roles"))
        .isEqualTo(names(Role.values()));
    assertThat(hintValues("ticketing.external-notes.fallback-author-role"))
        .isEqualTo(
            Arrays.stream(Role.values())
                .filter(Role::isStaff)
                .map(Enum::name)
                .collect(Collectors.toSet()));
    assertThat(hintValues("ticketing.policy.grants.keys")).isEqualTo(names(Role.values()));
    assertThat(hintValues("ticketing.policy.revokes.keys")).isEqualTo(names(Role.values()));
    assertThat(hintValues("ticketing.policy.revokes.values")).isEqualTo(names(Operation.values()));
    assertThat(hintValues("ticketing.store.type"))
        .isEqualTo(names(TicketingProperties.StoreType.values()));
    assertThat(hintValues("ticketing.store.schema"))
        .isEqualTo(names(TicketingProperties.SchemaMode.values()));
    assertThat(hintValues("ticketing.policy.base"))
        .isEqualTo(names(TicketingProperties.PolicyBase.values()));
    assertThat(hintValues("ticketing.tickets.title")).isEqualTo(names(TitleRule.values()));
    assertThat(hintValues("ticketing.sla.pausing"))
        .isEqualTo(
            Arrays.stream(dev.ticketing.Status.values())
                .filter(dev.ticketing.Status::isActive)
                .map(Enum::name)
                .collect(Collectors.toSet()));
    assertThat(hintValues("ticketing.email.unknown-senders"))
        .isEqualTo(names(TicketingEmailProperties.UnknownSenderPolicy.values()));
    assertThat(hintValues("ticketing.email.imap.protocol"))
        .containsExactlyInAnyOrder("imap", "imaps");
  }
}
