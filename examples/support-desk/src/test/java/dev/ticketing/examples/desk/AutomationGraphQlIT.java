package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** (extension) Automation rules over GraphQL, on the embedded default (H2). */
@DisplayName("(extension) automation rules over GraphQL")
class AutomationGraphQlIT extends SupportDeskSuite {

  private static final String URGENT_BILLING =
      """
      { name: "Urgent billing %s", kind: "TRIGGER", position: 10, events: ["CREATED"],
        conditions: [
          { type: "PRIORITY_IS", values: ["URGENT"] },
          { type: "CATEGORY_IS", values: ["BILLING"] },
          { type: "HAS_TAG", value: "%s" } ],
        actions: [
          { type: "ASSIGN_TO", value: "sarah" },
          { type: "NOTIFY", audience: "USER", userId: "admin", text: "Urgent: {{ticket.title}}" } ] }
      """;

  @Test
  @DisplayName(
      "an admin stores a trigger, it acts on the next matching ticket, edits make versions, and a"
          + " dry run writes nothing")
  void adminsManageRulesThatActOnTickets() {
    String tag = "auto-" + unique();
    JsonNode created =
        desk.data(
                ADMIN,
                "mutation { createAutomationRule(input: %s) { id version enabled kind actorId } }"
                    .formatted(URGENT_BILLING.formatted(tag, tag)))
            .path("createAutomationRule");
    String id = created.path("id").asString();
    assertThat(created.path("version").asInt()).isEqualTo(1);
    assertThat(created.path("enabled").asBoolean()).isTrue();
    assertThat(created.path("actorId").asString()).isEqualTo("rule:" + id + "@1");

    String ticket =
        desk.data(
                ADMIN,
                """
                mutation { createTicket(createTicketInput: {
                  title: "Charged twice", description: "Refund please", priority: URGENT,
                  category: BILLING, companyId: "acme", requesterId: "john", tags: ["%s"] }) {
                  id assignedTo { id } } }
                """
                    .formatted(tag))
            .path("createTicket")
            .path("id")
            .asString();
    assertThat(
            desk.data(ADMIN, "{ ticket(id: \"%s\") { assignedTo { id } } }".formatted(ticket))
                .path("ticket")
                .path("assignedTo")
                .path("id")
                .asString())
        .isEqualTo("sarah");

    JsonNode updated =
        desk.data(
                ADMIN,
                "mutation { updateAutomationRule(id: \"%s\", expectedVersion: 1, input: %s) { version } }"
                    .formatted(id, URGENT_BILLING.formatted(tag + "-v2", tag)))
            .path("updateAutomationRule");
    assertThat(updated.path("version").asInt()).isEqualTo(2);
    assertThat(
            desk.data(ADMIN, "{ automationRuleVersions(id: \"%s\") { version } }".formatted(id))
                .path("automationRuleVersions")
                .size())
        .isEqualTo(2);
    assertThat(
            desk.errorCode(
                ADMIN,
                "mutation { updateAutomationRule(id: \"%s\", expectedVersion: 1, input: %s) { version } }"
                    .formatted(id, URGENT_BILLING.formatted(tag, tag))))
        .isEqualTo("CONFLICT");

    JsonNode dryRun =
        desk.data(
                ADMIN,
                "{ automationDryRun(id: \"%s\") { examined matched actions { ticketId outcome } } }"
                    .formatted(id))
            .path("automationDryRun");
    assertThat(dryRun.path("matched").toString()).contains(ticket);
    assertThat(dryRun.path("actions").toString()).contains("would run");

    JsonNode disabled =
        desk.data(
                ADMIN,
                "mutation { setAutomationRuleEnabled(id: \"%s\", enabled: false) { enabled } }"
                    .formatted(id))
            .path("setAutomationRuleEnabled");
    assertThat(disabled.path("enabled").asBoolean()).isFalse();
    assertThat(
            desk.data(ADMIN, "mutation { deleteAutomationRule(id: \"%s\") }".formatted(id))
                .path("deleteAutomationRule")
                .asBoolean())
        .isTrue();
  }

  @Test
  @DisplayName(
      "(extension) a rule with field conditions, a field value, strategy skills, a macro and an"
          + " address notification is stored and read back; a bad address names the part")
  void extendedConditionsAndActions() {
    String suffix = unique().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String plan = "plan_" + suffix;
    String seats = "seats_" + suffix;
    desk.data(
        ADMIN,
        "mutation { defineField(spec: { key: \"%s\", label: \"Plan\", type: TEXT }) { key } }"
            .formatted(plan));
    desk.data(
        ADMIN,
        "mutation { defineField(spec: { key: \"%s\", label: \"Seats\", type: NUMBER }) { key } }"
            .formatted(seats));
    String macro = "Escalate " + suffix;
    desk.data(
        ADMIN,
        "mutation { defineMacro(input: { name: \"%s\", body: \"Escalated\", isInternal: true }) { id } }"
            .formatted(macro));
    String rule =
        """
        { name: "Big accounts %s", kind: "TRIGGER", position: 20, events: ["CREATED"],
          conditions: [
            { type: "FIELD_IS", field: "%s", values: ["enterprise"] },
            { type: "FIELD_BETWEEN", field: "%s", from: "100", to: null } ],
          actions: [
            { type: "SET_FIELD", field: "%s", value: "priority-support" },
            { type: "ASSIGN_BY_STRATEGY", value: "round-robin", values: ["category:billing"] },
            { type: "APPLY_MACRO", value: "%s" },
            { type: "NOTIFY", audience: "ADDRESS", address: "%s", text: "Big account {{ticket.id}}" } ] }
        """;
    JsonNode created =
        desk.data(
                ADMIN,
                "mutation { createAutomationRule(input: %s) { id conditions actions } }"
                    .formatted(
                        rule.formatted(suffix, plan, seats, plan, macro, "lead@example.com")))
            .path("createAutomationRule");
    assertThat(created.path("id").asString()).isNotBlank();
    assertThat(created.path("conditions").toString())
        .contains("FieldIs", plan, "enterprise", "FieldBetween", seats, "100");
    assertThat(created.path("actions").toString())
        .contains(
            "SetFieldValue",
            "priority-support",
            "AssignByStrategy",
            "category:billing",
            "ApplyMacro",
            macro,
            "ADDRESS",
            "lead@example.com");

    JsonNode error =
        desk.error(
            ADMIN,
            "mutation { createAutomationRule(input: %s) { id } }"
                .formatted(
                    rule.formatted(suffix + "b", plan, seats, plan, macro, "not-an-address")));
    assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
    assertThat(error.toString()).contains("actions[3].address");
  }

  @Test
  @DisplayName("customers and agents are refused; a bad definition names the part")
  void refusalsAndValidation() {
    for (String who : new String[] {JOHN, SARAH}) {
      assertThat(desk.errorCode(who, "{ automationRules { id } }")).isEqualTo("ACCESS_DENIED");
    }
    JsonNode error =
        desk.error(
            ADMIN,
            """
            mutation { createAutomationRule(input: { name: "x", kind: "TRIGGER", position: 1,
              events: ["CREATED"], actions: [ { type: "SET_STATUS", value: "ASLEEP" } ] }) { id } }
            """);
    assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
    assertThat(error.toString()).contains("input.actions[0].value");
  }
}
