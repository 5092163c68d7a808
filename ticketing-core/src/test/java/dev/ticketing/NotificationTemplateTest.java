package dev.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationTemplateTest {

  @Test
  @DisplayName("the built-in templates, found by their names")
  void builtInsByName() {
    assertThat(NotificationTemplate.builtIns())
        .extracting(NotificationTemplate::name)
        .containsExactly(
            "ticket-created",
            "comment-added",
            "internal-note-added",
            "note-added",
            "ticket-assigned",
            "support-ticket-resolved",
            "ticket-closed",
            "ticket-reopened",
            "sla-warning",
            "sla-breached",
            "ticket-merged",
            "ticket-unmerged",
            "cc-added");
    for (NotificationTemplate t : NotificationTemplate.builtIns()) {
      assertThat(NotificationTemplate.of(t.name())).isSameAs(t);
      assertThat(t).hasToString(t.name());
    }
  }

  @Test
  @DisplayName("open: a well-formed name that is no built-in is a template, but of() refuses it")
  void openButOfRefusesUnknown() {
    NotificationTemplate breached = new NotificationTemplate("sla-first-response-breached");
    assertThat(breached.name()).isEqualTo("sla-first-response-breached");
    assertThat(NotificationTemplate.builtIns()).doesNotContain(breached);
    assertThatThrownBy(() -> NotificationTemplate.of("sla-first-response-breached"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sla-first-response-breached")
        .hasMessageContaining("ticket-created");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Ticket-Created", "ticket_created", "-ticket", "ticket-", "a--b", "../etc"})
  @DisplayName("ill-formed names are refused by the constructor and by of()")
  void illFormedRefused(String name) {
    assertThat(NotificationTemplate.isWellFormed(name)).isFalse();
    assertThatThrownBy(() -> new NotificationTemplate(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notification template name");
    assertThatThrownBy(() -> NotificationTemplate.of(name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("names fit the outbox's column: at most 100 characters")
  void longestName() {
    String longest = "a".repeat(NotificationTemplate.MAX_LENGTH);
    assertThat(new NotificationTemplate(longest).name()).hasSize(100);
    assertThatThrownBy(() -> new NotificationTemplate(longest + "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
