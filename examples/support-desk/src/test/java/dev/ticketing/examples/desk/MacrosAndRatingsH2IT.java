package dev.ticketing.examples.desk;

import static dev.ticketing.examples.desk.DeskClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.examples.desk.DeskTestConfiguration.RecordedNotifications;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * (extension) Macros and satisfaction ratings on the desk (H2): the GraphQL extensions of {@code
 * macros-ratings.graphqls} and the signed rating link at {@code POST /api/ratings}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "desk.limits.login.bcrypt-strength=4",
      "desk.limits.writes.capacity=100000",
      "ticketing.ratings.signing-key=support-desk-test-rating-key-0123456789",
      "ticketing.ratings.link-base=https://desk.example/rate?token="
    })
@Import(DeskTestConfiguration.class)
@DisplayName("(extension) macros and satisfaction ratings on H2")
class MacrosAndRatingsH2IT {
  static final String JOHN = "john@acme.com";
  static final String SARAH = "sarah@support.com";
  static final String ADMIN = "admin@support.com";

  @LocalServerPort int port;
  @Autowired RecordedNotifications notifications;
  DeskClient desk;

  @BeforeEach
  void client() {
    desk = new DeskClient(port);
  }

  private String johnsTicketAssignedToSarah() {
    String id =
        desk.data(
                JOHN,
                """
                mutation { createTicket(createTicketInput: {
                  title: "VPN down %s", description: "Since this morning", companyId: "acme" }) { id } }
                """
                    .formatted(UUID.randomUUID()))
            .path("createTicket")
            .path("id")
            .asString();
    desk.data(
        ADMIN,
        "mutation { assignTicket(assignTicketInput: { ticketId: \"%s\", assignedToId: \"sarah\" }) { id } }"
            .formatted(id));
    return id;
  }

  private String defineMacro(String name, String body) {
    return desk.data(
            ADMIN,
            """
            mutation { defineMacro(input: { name: %s, body: %s, status: RESOLVED, addTags: ["Solved"] }) {
              id version isInternal roles } }
            """
                .formatted(json(name), json(body)))
        .path("defineMacro")
        .path("id")
        .asString();
  }

  @Test
  @DisplayName("an agent previews and applies a macro: the reply, the status and the tag in one go")
  void previewAndApply() {
    String ticket = johnsTicketAssignedToSarah();
    String macro = defineMacro("Solved " + UUID.randomUUID(), "Hi {{requester.name}}, fixed.");

    JsonNode preview =
        desk.data(
                SARAH,
                "{ macroPreview(macroId: \"%s\", ticketId: \"%s\") { body isInternal changes { field newValue } } }"
                    .formatted(macro, ticket))
            .path("macroPreview");
    assertThat(preview.path("body").asString()).isEqualTo("Hi John Doe, fixed.");
    assertThat(preview.path("changes").toString()).contains("RESOLVED").contains("solved");

    JsonNode applied =
        desk.data(
                SARAH,
                "mutation { applyMacro(macroId: \"%s\", ticketId: \"%s\") { ticket { status tags } comment { content isInternal } } }"
                    .formatted(macro, ticket))
            .path("applyMacro");
    assertThat(applied.path("ticket").path("status").asString()).isEqualTo("RESOLVED");
    assertThat(applied.path("ticket").path("tags").toString()).isEqualTo("[\"solved\"]");
    assertThat(applied.path("comment").path("content").asString()).isEqualTo("Hi John Doe, fixed.");
    assertThat(
            desk.data(ADMIN, "{ ticketHistory(ticketId: \"%s\") { action } }".formatted(ticket))
                .path("ticketHistory")
                .toString())
        .contains("MACRO_APPLIED");
  }

  @Test
  @DisplayName("an unknown variable is a VALIDATION error on body; customers never see macros")
  void refusals() {
    JsonNode error =
        desk.error(
            ADMIN,
            "mutation { defineMacro(input: { name: \"Typo\", body: \"Hi {{requester.nmae}}\" }) { id } }");
    assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
    assertThat(error.toString()).contains("requester.nmae");
    assertThat(desk.errorCode(JOHN, "{ macros { id name } }")).isEqualTo("ACCESS_DENIED");
    assertThat(
            desk.errorCode(
                SARAH, "mutation { defineMacro(input: { name: \"Mine\", body: \"x\" }) { id } }"))
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  @DisplayName("the resolution notice carries a signed link that rates once without signing in")
  void ratingThroughTheSignedLink() {
    String ticket = johnsTicketAssignedToSarah();
    desk.data(
        SARAH,
        "mutation { updateTicketStatus(updateTicketStatusInput: { ticketId: \"%s\", status: RESOLVED }) { id } }"
            .formatted(ticket));
    var resolved =
        notifications.await(
            ticket,
            n ->
                n.template().equals(NotificationTemplate.TICKET_RESOLVED)
                    && n.recipientId().equals("john"));
    String token = resolved.data().get("ratingToken");
    assertThat(resolved.data().get("ratingUrl")).startsWith("https://desk.example/rate?token=");

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("score", 5);
    body.put("comment", "Quick and friendly");
    HttpResponse<String> first = desk.post(RatingLinkController.PATH, null, Map.of(), json(body));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> again = desk.post(RatingLinkController.PATH, null, Map.of(), json(body));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("INVALID_STATE");
    body.put("token", token.substring(0, token.length() - 3) + "xyz");
    HttpResponse<String> forged = desk.post(RatingLinkController.PATH, null, Map.of(), json(body));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("token");

    JsonNode rating =
        desk.data(
                JOHN,
                "{ ticketRating(ticketId: \"%s\") { score comment viaLink } }".formatted(ticket))
            .path("ticketRating");
    assertThat(rating.path("score").asInt()).isEqualTo(5);
    assertThat(rating.path("viaLink").asBoolean()).isTrue();
    JsonNode summary =
        desk.data(
                ADMIN,
                "{ ratingSummaries(grouping: AGENT, from: \"2000-01-01T00:00:00Z\", to: \"2100-01-01T00:00:00Z\", companyId: \"acme\") { key count satisfaction } }")
            .path("ratingSummaries");
    assertThat(summary.toString()).contains("\"key\":\"sarah\"");
    assertThat(
            desk.errorCode(
                JOHN,
                "{ ratingSummaries(grouping: TOTAL, from: \"2000-01-01T00:00:00Z\", to: \"2100-01-01T00:00:00Z\") { count } }"))
        .isEqualTo("ACCESS_DENIED");
  }
}
