package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SLA extensions ({@code graphql/sla.graphqls}) over real HTTP on the embedded default (H2),
 * with the service levels of the desk's {@code application.yml}: the targets on a ticket for staff
 * and nobody else, the policies for admins, the calendars for staff, the lists with a cursor and
 * the statistics.
 */
@DisplayName("(extension) SLA on the support desk")
class SupportDeskSlaIT extends SupportDeskSuite {

  private String raise(String tags) {
    return desk.data(
            ADMIN,
            """
            mutation { createTicket(createTicketInput: {
              title: "Outage %s", description: "Nothing loads", companyId: "acme",
              priority: HIGH, requesterId: "john", tags: [%s] }) { id } }
            """
                .formatted(unique(), tags))
        .path("createTicket")
        .path("id")
        .asString();
  }

  @Test
  @DisplayName(
      "staff see a ticket's targets with due time, remaining time and state; its customer sees none")
  void targetsOnATicket() {
    String vip = raise("\"vip\"");
    String plain = raise("");
    String query =
        "{ ticket(id: \"%s\") { sla { ticketId target cycle status breached dueAt remainingSeconds"
            + " standing policyId startedAt stoppedAt } } }";

    JsonNode targets = desk.data(ADMIN, query.formatted(vip)).path("ticket").path("sla");
    assertThat(targets).hasSize(2);
    assertThat(targets.get(0).path("target").asString()).isEqualTo("FIRST_RESPONSE");
    assertThat(targets.get(0).path("status").asString()).isEqualTo("ACTIVE");
    assertThat(targets.get(0).path("policyId").asString()).isEqualTo("vip");
    assertThat(targets.get(0).path("remainingSeconds").asInt()).isBetween(1, 30 * 60);
    assertThat(targets.get(0).path("dueAt").asString()).matches(ISO_UTC);
    assertThat(targets.get(1).path("target").asString()).isEqualTo("RESOLUTION");
    // 30 minutes to the first response and 4 hours to resolve, warned 15 minutes before each.
    assertThat(targets.get(0).path("standing").asString()).isEqualTo("ON_TRACK");
    assertThat(targets.get(1).path("standing").asString()).isEqualTo("ON_TRACK");
    assertThat(
            desk.data(ADMIN, query.formatted(plain))
                .path("ticket")
                .path("sla")
                .get(0)
                .path("policyId")
                .asString())
        .isEqualTo("standard");
    assertThat(desk.data(JOHN, query.formatted(vip)).path("ticket").path("sla")).isEmpty();
  }

  @Test
  @DisplayName(
      "staff filter tickets by SLA standing on the server, with totals; customers are refused;"
          + " an unknown standing is a validation error")
  void filterBySlaStanding() {
    String title = "Outage " + unique();
    String id =
        desk.data(
                ADMIN,
                """
                mutation { createTicket(createTicketInput: {
                  title: "%s", description: "Nothing loads", companyId: "acme",
                  priority: HIGH, requesterId: "john", tags: ["vip"] }) { id } }
                """
                    .formatted(title))
            .path("createTicket")
            .path("id")
            .asString();
    String page =
        "{ ticketsPaginated(first: 10, includeTotalCount: true, filter: { searchTerm: \"%s\","
            + " status: OPEN, slaStanding: %s }) { totalCount edges { node { id } } } }";
    // HIGH under the vip policy: first response due in 30 minutes, warned 15 minutes before.
    for (String standing : List.of("BREACHED", "AT_RISK", "ON_TRACK", "PAUSED", "NONE")) {
      JsonNode p = desk.data(ADMIN, page.formatted(title, standing)).path("ticketsPaginated");
      List<String> ids = new ArrayList<>();
      p.path("edges").forEach(e -> ids.add(e.path("node").path("id").asString()));
      boolean onTrack = standing.equals("ON_TRACK");
      assertThat(ids).as(standing).isEqualTo(onTrack ? List.of(id) : List.of());
      assertThat(p.path("totalCount").asInt()).as(standing).isEqualTo(onTrack ? 1 : 0);
    }
    assertThat(desk.errorCode(JOHN, page.formatted(title, "ON_TRACK"))).isEqualTo("ACCESS_DENIED");
    JsonNode unknown = desk.error(ADMIN, page.formatted(title, "LATE"));
    assertThat(unknown.path("extensions").path("classification").asString())
        .isEqualTo("ValidationError");
  }

  @Test
  @DisplayName("a page of tickets reads every ticket's targets in one go")
  void targetsOnAPage() {
    raise("\"vip\"");
    JsonNode edges =
        desk.data(ADMIN, "{ ticketsPaginated(first: 5) { edges { node { id sla { target } } } } }")
            .path("ticketsPaginated")
            .path("edges");
    assertThat(edges).isNotEmpty();
    for (JsonNode edge : edges) {
      assertThat(edge.path("node").path("sla").isArray()).isTrue();
    }
  }

  @Test
  @DisplayName("admins page through the running targets soonest first; agents are refused")
  void dueSoonestWithACursor() {
    String vip = raise("\"vip\"");
    List<String> seen = new ArrayList<>();
    List<String> due = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 50; page++) {
      JsonNode p =
          desk.data(
                  ADMIN,
                  "{ slaDueSoonest(first: 20%s) { nodes { ticketId target dueAt }"
                          .formatted(after == null ? "" : ", after: \"" + after + "\"")
                      + " pageInfo { endCursor hasNextPage } } }")
              .path("slaDueSoonest");
      for (JsonNode n : p.path("nodes")) {
        seen.add(n.path("ticketId").asString());
        due.add(n.path("dueAt").asString());
      }
      if (!p.path("pageInfo").path("hasNextPage").asBoolean()) {
        break;
      }
      after = p.path("pageInfo").path("endCursor").asString();
    }
    assertThat(seen).contains(vip);
    assertThat(due).isSorted();
    assertThat(desk.errorCode(SARAH, "{ slaDueSoonest { nodes { ticketId } } }"))
        .isEqualTo("ACCESS_DENIED");
    assertThat(desk.data(ADMIN, "{ slaOverdue(target: FIRST_RESPONSE) { nodes { ticketId } } }"))
        .isNotNull();
    assertThat(desk.data(ADMIN, "{ slaBreached(first: 5) { pageInfo { hasNextPage } } }"))
        .isNotNull();
  }

  @Test
  @DisplayName("admins read the policies, staff the calendars, customers neither")
  void policiesAndCalendars() {
    JsonNode policies =
        desk.data(
                ADMIN,
                "{ slaPolicies { id tags fields { key anyOf atLeast atMost } calendarId"
                    + " warnBeforeSeconds reopen"
                    + " goals { priority firstResponseSeconds nextResponseSeconds resolutionSeconds } } }")
            .path("slaPolicies");
    assertThat(policies).hasSize(3);
    assertThat(policies.get(0).path("id").asString()).isEqualTo("enterprise");
    assertThat(policies.get(0).path("fields").toString())
        .isEqualTo(
            "[{\"key\":\"plan\",\"anyOf\":[\"enterprise\",\"premium\"],"
                + "\"atLeast\":null,\"atMost\":null}]");
    assertThat(policies.get(1).path("id").asString()).isEqualTo("vip");
    assertThat(policies.get(1).path("tags").toString()).isEqualTo("[\"vip\"]");
    assertThat(policies.get(1).path("fields").toString()).isEqualTo("[]");
    assertThat(policies.get(2).path("calendarId").asString()).isEqualTo("office");
    assertThat(policies.get(2).path("warnBeforeSeconds").asInt()).isEqualTo(1800);
    assertThat(policies.get(2).path("goals").get(0).path("priority").asString()).isEqualTo("LOW");
    assertThat(policies.get(2).path("goals").get(0).path("nextResponseSeconds").isNull()).isTrue();
    assertThat(desk.errorCode(SARAH, "{ slaPolicies { id } }")).isEqualTo("ACCESS_DENIED");

    JsonNode office =
        desk.data(SARAH, "{ slaCalendars { id zone week { day shifts } yearlyHolidays } }")
            .path("slaCalendars")
            .get(0);
    assertThat(office.path("zone").asString()).isEqualTo("Europe/Berlin");
    assertThat(office.path("week")).hasSize(5);
    assertThat(office.path("week").get(0).path("shifts").toString())
        .isEqualTo("[\"09:00-12:30\",\"13:30-17:00\"]");
    assertThat(office.path("yearlyHolidays").toString())
        .isEqualTo("[\"01-01\",\"12-25\",\"12-26\"]");
    assertThat(desk.errorCode(JOHN, "{ slaCalendars { id } }")).isEqualTo("ACCESS_DENIED");
  }

  @Test
  @DisplayName(
      "statistics over a period for admins; a period that ends before it starts is refused")
  void statistics() {
    String id = raise("\"vip\"");
    desk.data(
        ADMIN,
        """
        mutation { addTicketComment(addCommentInput: {
          ticketId: "%s", content: "On it", isInternal: false }) { id } }
        """
            .formatted(id));
    java.time.Instant now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    JsonNode stats =
        desk.data(
                ADMIN,
                "{ slaStatistics(from: \"%s\", to: \"%s\") {"
                        .formatted(now.minusSeconds(3600), now.plusSeconds(3600))
                    + " from overall { target measured p50Seconds settled breached breachRate }"
                    + " byPriority { priority target measured } byCompany { companyId target measured } } }")
            .path("slaStatistics");
    assertThat(stats.path("from").asString()).isEqualTo(now.minusSeconds(3600).toString());
    JsonNode firstResponse = stats.path("overall").get(0);
    assertThat(firstResponse.path("target").asString()).isEqualTo("FIRST_RESPONSE");
    assertThat(firstResponse.path("measured").asInt()).isPositive();
    assertThat(firstResponse.path("p50Seconds").isNumber()).isTrue();
    assertThat(firstResponse.path("settled").asInt()).isPositive();
    assertThat(stats.path("byPriority").toString()).contains("HIGH");
    assertThat(stats.path("byCompany").toString()).contains("acme");
    assertThat(
            desk.errorCode(
                ADMIN,
                "{ slaStatistics(from: \"2020-01-02T00:00:00Z\", to: \"2020-01-01T00:00:00Z\") { from } }"))
        .isEqualTo("VALIDATION");
    assertThat(
            desk.errorCode(
                JOHN,
                "{ slaStatistics(from: \"2020-01-01T00:00:00Z\", to: \"2020-01-02T00:00:00Z\") { from } }"))
        .isEqualTo("ACCESS_DENIED");
  }
}
