package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * (extension) Typed custom fields over GraphQL on the embedded default (H2): admins define fields,
 * tickets carry values set at creation and later, customers never see staff-only fields, bad values
 * are refused naming {@code fields.<key>}, lists filter by value, a removed choice stays on its
 * ticket.
 */
@DisplayName("(extension) custom fields over GraphQL")
class CustomFieldsGraphQlIT extends SupportDeskSuite {

  private String define(String key, String type, String visibility, String extra) {
    return desk.data(
            ADMIN,
            """
            mutation { defineField(spec: { key: "%s", label: "Label %s", type: %s,
              visibility: %s %s }) { key version } }
            """
                .formatted(key, key, type, visibility, extra))
        .path("defineField")
        .path("key")
        .asString();
  }

  private static String key(String name) {
    return name + "_" + unique().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  @Test
  @DisplayName("values set at creation and later, shown to whom they may be, audited, filtered")
  void valuesAndVisibility() {
    String plan =
        define(key("plan"), "CHOICE", "CUSTOMERS", ", choices: [\"free\", \"pro\", \"gold\"]");
    String risk = define(key("risk"), "NUMBER", "STAFF", "");
    JsonNode created =
        desk.data(
                JOHN,
                """
                mutation { createTicketWithFields(
                  createTicketInput: { title: "Invoice", description: "Wrong", companyId: "acme" },
                  fields: [{ key: "%s", value: "pro" }]) { id fields { key type value } } }
                """
                    .formatted(plan))
            .path("createTicketWithFields");
    String id = created.path("id").asString();
    assertThat(created.path("fields").toString())
        .isEqualTo("[{\"key\":\"%s\",\"type\":\"CHOICE\",\"value\":\"pro\"}]".formatted(plan));

    desk.data(
        ADMIN,
        """
        mutation { setTicketFields(setFieldValuesInput: { ticketId: "%s",
          set: [{ key: "%s", value: "42" }] }) { id } }
        """
            .formatted(id, risk));
    String seenByStaff =
        desk.data(ADMIN, "{ ticket(id: \"%s\") { fields { key value } } }".formatted(id))
            .toString();
    String seenByJohn =
        desk.data(JOHN, "{ ticket(id: \"%s\") { fields { key value } } }".formatted(id)).toString();
    // Exact documents: the keys are random and may contain the digits of a value.
    assertThat(seenByStaff)
        .contains("{\"key\":\"%s\",\"value\":\"42\"}".formatted(risk))
        .contains("{\"key\":\"%s\",\"value\":\"pro\"}".formatted(plan));
    assertThat(seenByJohn)
        .isEqualTo(
            "{\"ticket\":{\"fields\":[{\"key\":\"%s\",\"value\":\"pro\"}]}}".formatted(plan));
    List<String> johnsDefinitions = new ArrayList<>();
    desk.data(JOHN, "{ fieldDefinitions { key } }")
        .path("fieldDefinitions")
        .forEach(d -> johnsDefinitions.add(d.path("key").asString()));
    assertThat(johnsDefinitions).contains(plan).doesNotContain(risk);
    assertThat(
            desk.data(
                    ADMIN,
                    "{ ticketHistory(ticketId: \"%s\") { changes { field newValue } } }"
                        .formatted(id))
                .toString())
        .contains("fields." + risk);

    // Filtering by a value, with a page.
    JsonNode page =
        desk.data(
                ADMIN,
                """
                { ticketsByFields(fields: [{ key: "%s", from: "40", to: "50" }], first: 5) {
                  edges { node { id } } } }
                """
                    .formatted(risk))
            .path("ticketsByFields");
    assertThat(page.toString()).contains(id);
    // A customer naming the staff-only field learns nothing of it.
    assertThat(
            desk.error(
                    JOHN,
                    """
                    { ticketsByFields(fields: [{ key: "%s", equalTo: "42" }]) { edges { node { id } } } }
                    """
                        .formatted(risk))
                .path("extensions")
                .path("fields")
                .toString())
        .isEqualTo("[\"fields.%s\"]".formatted(risk));
  }

  @Test
  @DisplayName(
      "bad values name the field; a removed choice stays on its ticket but is never set anew")
  void validationAndVersions() {
    String plan = define(key("plan"), "CHOICE", "CUSTOMERS", ", choices: [\"free\", \"gold\"]");
    String seats = define(key("seats"), "NUMBER", "STAFF", "");
    String id = johnsTicket();
    JsonNode error =
        desk.error(
            ADMIN,
            """
            mutation { setTicketFields(setFieldValuesInput: { ticketId: "%s",
              set: [{ key: "%s", value: "platinum" }, { key: "%s", value: "many" },
                    { key: "nope", value: "x" }] }) { id } }
            """
                .formatted(id, plan, seats));
    assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
    assertThat(error.path("extensions").path("fields").toString())
        .contains("fields." + plan)
        .contains("fields." + seats)
        .contains("fields.nope");

    desk.data(
        ADMIN,
        """
        mutation { setTicketFields(setFieldValuesInput: { ticketId: "%s",
          set: [{ key: "%s", value: "gold" }] }) { id } }
        """
            .formatted(id, plan));
    JsonNode v2 =
        desk.data(
                ADMIN,
                """
                mutation { changeField(spec: { key: "%s", label: "Plan", type: CHOICE,
                  visibility: CUSTOMERS, choices: ["free"] }, expectedVersion: 1) { version choices } }
                """
                    .formatted(plan))
            .path("changeField");
    assertThat(v2.path("version").asInt()).isEqualTo(2);
    assertThat(
            desk.data(JOHN, "{ ticket(id: \"%s\") { fields { value } } }".formatted(id)).toString())
        .contains("gold");
    String other = johnsTicket();
    assertThat(
            desk.errorCode(
                ADMIN,
                """
                mutation { setTicketFields(setFieldValuesInput: { ticketId: "%s",
                  set: [{ key: "%s", value: "gold" }] }) { id } }
                """
                    .formatted(other, plan)))
        .isEqualTo("VALIDATION");
    assertThat(
            desk.errorCode(
                JOHN,
                """
                mutation { defineField(spec: { key: "x%s", label: "X", type: TEXT }) { key } }
                """
                    .formatted(seats)))
        .isEqualTo("ACCESS_DENIED");
  }
}
