package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The links and merge extensions ({@code links.graphqls}) over real HTTP on the embedded H2
 * database: staff link and merge, customers see only what they may, internal notes of a merged
 * ticket never reach them, refusals name the field.
 */
@DisplayName("(extension) links and merge, on H2")
class LinksAndMergeH2IT extends SupportDeskSuite {

  private JsonNode link(String login, String a, String kind, String b) {
    return desk.graphql(
        login,
        """
        mutation { linkTickets(linkTicketsInput: { ticketId: "%s", kind: %s, otherTicketId: "%s" }) {
          ticketId kind otherTicketId createdBy createdAt } }
        """
            .formatted(a, kind, b));
  }

  private static String mergeDocument(String source, String target) {
    return """
        mutation { mergeTickets(mergeTicketsInput: { sourceTicketId: "%s", targetTicketId: "%s" }) {
          sourceTicketId targetTicketId mergedBy mergedAt unmergeableUntil } }
        """
        .formatted(source, target);
  }

  @Test
  @DisplayName(
      "staff link two tickets; the customer sees the link on both, another company nothing")
  void linkedTicketsShowTheirLinks() {
    String a = johnsTicket();
    String b = johnsTicket();
    JsonNode linked = link(ADMIN, a, "PARENT_OF", b).path("data").path("linkTickets");
    assertThat(linked.path("kind").asString()).isEqualTo("PARENT_OF");
    assertThat(linked.path("createdBy").asString()).isEqualTo("admin");

    JsonNode asJohn =
        desk.data(
                JOHN,
                "{ ticket(id: \"%s\") { links { ticketId kind otherTicketId } } }".formatted(b))
            .path("ticket")
            .path("links");
    assertThat(asJohn.size()).isEqualTo(1);
    assertThat(asJohn.get(0).path("ticketId").asString()).isEqualTo(a);
    assertThat(desk.errorCode(JANE, "{ ticket(id: \"%s\") { links { kind } } }".formatted(a)))
        .isEqualTo("NOT_FOUND");
    assertThat(
            desk.errorCode(
                JOHN,
                """
                mutation { linkTickets(linkTicketsInput: { ticketId: "%s", kind: RELATED, otherTicketId: "%s" }) { kind } }
                """
                    .formatted(a, b)))
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  @DisplayName("a link across companies is refused naming otherTicketId")
  void crossCompanyLinkRefused() {
    String acme = johnsTicket();
    String globex = create(JANE, "globex", "Invoice " + unique(), "LOW", "BILLING");
    JsonNode error =
        desk.error(
            ADMIN,
            """
            mutation { linkTickets(linkTicketsInput: { ticketId: "%s", kind: RELATED, otherTicketId: "%s" }) { kind } }
            """
                .formatted(acme, globex));
    assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
    assertThat(error.path("extensions").path("fields").toString()).contains("otherTicketId");
  }

  @Test
  @DisplayName(
      "a merge closes the source and shows its conversation on the target, never its internal note"
          + " to the customer; unmerge restores it")
  void mergeAndUnmerge() {
    String source = johnsTicket();
    String target = johnsTicket();
    comment(JOHN, source, "Same problem on the source", false);
    comment(ADMIN, source, "SECRETNOTE staff only", true);

    assertThat(desk.errorCode(JOHN, mergeDocument(source, target))).isEqualTo("ACCESS_DENIED");
    JsonNode self = desk.error(ADMIN, mergeDocument(source, source));
    assertThat(self.path("extensions").path("fields").toString()).contains("targetTicketId");

    JsonNode merged = desk.data(ADMIN, mergeDocument(source, target)).path("mergeTickets");
    assertThat(merged.path("targetTicketId").asString()).isEqualTo(target);
    assertThat(merged.path("unmergeableUntil").asString()).matches(ISO_UTC);

    String read =
        "{ ticket(id: \"%s\") { status mergedInto { targetTicketId } merged { sourceTicketId }"
            + " conversation { content isInternal ticketId } } }";
    JsonNode asJohn = desk.data(JOHN, read.formatted(target)).path("ticket");
    assertThat(asJohn.toString())
        .contains("Same problem on the source")
        .doesNotContain("SECRETNOTE");
    assertThat(asJohn.path("merged").get(0).path("sourceTicketId").asString()).isEqualTo(source);
    assertThat(desk.data(ADMIN, read.formatted(target)).toString()).contains("SECRETNOTE");
    JsonNode closed = desk.data(JOHN, read.formatted(source)).path("ticket");
    assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.path("mergedInto").path("targetTicketId").asString()).isEqualTo(target);

    JsonNode restored =
        desk.data(
                ADMIN,
                "mutation { unmergeTicket(sourceTicketId: \"%s\") { id status } }"
                    .formatted(source))
            .path("unmergeTicket");
    assertThat(restored.path("status").asString()).isEqualTo("OPEN");
    assertThat(desk.data(JOHN, read.formatted(target)).toString())
        .doesNotContain("Same problem on the source");
  }
}
