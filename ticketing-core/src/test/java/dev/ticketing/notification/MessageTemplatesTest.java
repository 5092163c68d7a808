package dev.ticketing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.UserInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The built-in templates, host overrides (test resources under {@code test-host/templates/}),
 * locale fall-back, escaping and placeholders.
 */
class MessageTemplatesTest {

  static final java.util.List<NotificationTemplate> ALL = NotificationTemplate.builtIns();

  private final MessageTemplates builtIn = MessageTemplates.defaults();
  private final MessageTemplates host =
      MessageTemplates.builder().hostPrefix("test-host/templates").build();

  static Map<String, String> vars(String title, String comment) {
    Map<String, String> v = new HashMap<>();
    v.put("ticketTitle", title);
    v.put("ticketId", "0199-ticket");
    v.put("status", "IN_PROGRESS");
    v.put("priority", "HIGH");
    v.put("commentContent", comment);
    v.put("recipientName", "John Doe");
    v.put("actorName", "Sarah Support");
    return v;
  }

  @ParameterizedTest
  @FieldSource("ALL")
  @DisplayName(
      "every engine template is built in: subject, text, HTML, push title and text, every placeholder filled")
  void everyTemplateIsBuiltIn(NotificationTemplate template) {
    MessageTemplates.Message m =
        builtIn.render(template, Locale.ENGLISH, vars("Printer on fire", "Try turning it off"));

    assertThat(m.subject()).isNotBlank().contains("Printer on fire").doesNotContain("{{", "\n");
    assertThat(m.text())
        .startsWith("Hello John Doe,")
        .contains("Printer on fire", "0199-ticket")
        .doesNotContain("{{");
    assertThat(m.html())
        .isNotNull()
        .contains("<p>Hello John Doe,</p>", "Printer on fire")
        .doesNotContain("{{");
    assertThat(m.pushTitle()).isNotBlank().doesNotContain("{{", "\n");
    assertThat(m.push()).isNotBlank().doesNotContain("{{", "\n");
    boolean carriesComment =
        template.equals(NotificationTemplate.COMMENT_ADDED)
            || template.equals(NotificationTemplate.NOTE_ADDED)
            || template.equals(NotificationTemplate.INTERNAL_NOTE_ADDED);
    assertThat(m.text().contains("Try turning it off"))
        .as("comment text in %s", template)
        .isEqualTo(carriesComment);
  }

  @Test
  @DisplayName(
      "the Comdeall support module's wording: 'Support Ticket Resolved' / 'New Note Added' push titles and texts")
  void comdeallWording() {
    MessageTemplates.Message resolved =
        builtIn.render(
            NotificationTemplate.TICKET_RESOLVED, Locale.ENGLISH, vars("Payment failed", ""));
    assertThat(resolved.pushTitle()).isEqualTo("Support Ticket Resolved");
    assertThat(resolved.push())
        .isEqualTo("Your support ticket has been resolved by Sarah Support.");
    assertThat(resolved.subject()).isEqualTo("Support Ticket Resolved: Payment failed");

    MessageTemplates.Message note =
        builtIn.render(
            NotificationTemplate.NOTE_ADDED,
            Locale.ENGLISH,
            vars("Payment failed", "We refunded it."));
    assertThat(note.pushTitle()).isEqualTo("New Note Added");
    assertThat(note.push()).isEqualTo("A new note has been added to your support ticket.");
    assertThat(note.text()).contains("We refunded it.");
  }

  @Test
  @DisplayName(
      "a host file wins over the built-in one; the parts it does not override stay built in")
  void hostOverrideWins() {
    MessageTemplates.Message m =
        host.render(NotificationTemplate.NOTE_ADDED, Locale.ENGLISH, vars("Refund", "Done"));

    assertThat(m.subject()).isEqualTo("Host says: Refund");
    assertThat(m.text())
        .isEqualTo(
            builtIn
                .render(NotificationTemplate.NOTE_ADDED, Locale.ENGLISH, vars("Refund", "Done"))
                .text());
    assertThat(m.html()).isNotNull();
  }

  @Test
  @DisplayName("a host that overrides only the text body gets no mismatched built-in HTML body")
  void htmlFollowsTheTextBody() {
    MessageTemplates.Message m =
        host.render(
            NotificationTemplate.COMMENT_ADDED, Locale.ENGLISH, vars("Printer", "Hi there"));

    assertThat(m.text()).isEqualTo("Host reply text: Hi there\n");
    assertThat(m.html()).isNull();
    assertThat(m.subject()).isEqualTo("New Reply on Support Ticket: Printer");
  }

  @Test
  @DisplayName(
      "locale look-up like ResourceBundle: de_CH, de, then the default locale, then the base files")
  void localeFallback() {
    Map<String, String> v = vars("Drucker", "");

    MessageTemplates.Message swiss =
        host.render(NotificationTemplate.TICKET_CLOSED, Locale.forLanguageTag("de-CH"), v);
    assertThat(swiss.text()).isEqualTo("Grüezi John Doe, Ihr Ticket isch zue.\n");
    assertThat(swiss.subject()).isEqualTo("Ticket geschlossen: Drucker");
    assertThat(swiss.html()).as("the host has no HTML for it").isNull();

    MessageTemplates.Message austrian =
        host.render(NotificationTemplate.TICKET_CLOSED, Locale.forLanguageTag("de-AT"), v);
    assertThat(austrian.text()).isEqualTo("Hallo John Doe, Ihr Ticket wurde geschlossen.\n");

    MessageTemplates.Message french =
        host.render(NotificationTemplate.TICKET_CLOSED, Locale.FRENCH, v);
    assertThat(french.text()).startsWith("Hello John Doe,");
    assertThat(french.subject()).isEqualTo("Support Ticket Closed: Drucker");

    MessageTemplates germanByDefault =
        MessageTemplates.builder()
            .hostPrefix("/test-host/templates/")
            .defaultLocale(Locale.GERMAN)
            .build();
    assertThat(germanByDefault.render(NotificationTemplate.TICKET_CLOSED, Locale.FRENCH, v).text())
        .isEqualTo("Hallo John Doe, Ihr Ticket wurde geschlossen.\n");
  }

  @Test
  @DisplayName("HTML bodies escape every variable; plain-text bodies keep it as written")
  void htmlEscaping() {
    String title = "<script>alert('x')</script> & \"friends\"";
    MessageTemplates.Message m =
        builtIn.render(
            NotificationTemplate.NOTE_ADDED, Locale.ENGLISH, vars(title, "a < b && c > d"));

    assertThat(m.html())
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;")
        .contains("a &lt; b &amp;&amp; c &gt; d")
        .doesNotContain("<script>", "a < b");
    assertThat(m.text()).contains(title, "a < b && c > d");
    assertThat(MessageTemplates.escapeHtml("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }

  @Test
  @DisplayName(
      "subjects are one line: CR, LF and other control characters in a variable cannot add a header")
  void subjectHeaderInjection() {
    MessageTemplates.Message m =
        builtIn.render(
            NotificationTemplate.TICKET_CREATED,
            Locale.ENGLISH,
            vars("Hi\r\nBcc: victim@example.com\r\n\r\nbody\u0000\u2028x", ""));

    assertThat(m.subject()).isEqualTo("New Support Ticket: Hi Bcc: victim@example.com body x");
    assertThat(m.subject()).doesNotContain("\r", "\n", "\u0000", "\u2028");
    assertThat(m.pushTitle()).doesNotContain("\r", "\n");
  }

  @Test
  @DisplayName(
      "a placeholder without a value renders empty; unknown and malformed template names are refused")
  void unknownPlaceholderAndTemplate() {
    MessageTemplates.Message m =
        host.render(NotificationTemplate.TICKET_ASSIGNED, Locale.ENGLISH, vars("Printer", ""));
    assertThat(m.text()).isEqualTo("Assigned Printer to you.\n");
    // And again: logged only once, rendered the same.
    assertThat(host.render(NotificationTemplate.TICKET_ASSIGNED, Locale.ENGLISH, Map.of()).text())
        .isEqualTo("Assigned  to you.\n");

    assertThatThrownBy(
            () ->
                builtIn.render(
                    new NotificationTemplate("no-such-template"), Locale.ENGLISH, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-template");
    assertThatThrownBy(
            () ->
                builtIn.render(
                    new NotificationTemplate("../../etc/passwd"), Locale.ENGLISH, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName(
      "a notification's variables: its data plus recipient and actor names from the directory")
  void notificationVariables() {
    Notification n =
        new Notification(
            "n-1",
            NotificationTemplate.TICKET_RESOLVED,
            "john",
            "t-1",
            null,
            "admin",
            Instant.parse("2025-10-07T10:30:00Z"),
            Map.of("ticketTitle", "Payment failed", "status", "RESOLVED"));
    Map<String, UserInfo> users =
        Map.of(
            "john", new UserInfo("john", "John", "Doe", "john@acme.com", Role.CUSTOMER),
            "admin", new UserInfo("admin", "Ada", "Admin", "admin@support.com", Role.ADMIN));

    assertThat(MessageTemplates.variables(n, users))
        .containsEntry("recipientName", "John Doe")
        .containsEntry("actorName", "Ada Admin")
        .containsEntry("ticketId", "t-1")
        .containsEntry("notificationId", "n-1")
        .containsEntry("ticketTitle", "Payment failed");
    assertThat(MessageTemplates.variables(n, Map.of()))
        .containsEntry("recipientName", "")
        .containsEntry("actorName", "");
    assertThat(builtIn.render(n, Locale.ENGLISH, users).push())
        .isEqualTo("Your support ticket has been resolved by Ada Admin.");
  }
}
