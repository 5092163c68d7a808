package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The assignment extensions over real HTTP on the embedded default (H2): admins give agents
 * profiles, agents say when they are away, tickets are assigned by strategy to agents with room,
 * and the refusals come back with the library's codes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "desk.hasura.webhook-secret=test-hasura-secret",
      "desk.limits.login.bcrypt-strength=4",
      "desk.limits.writes.capacity=100000"
    })
@Import(DeskTestConfiguration.class)
class AssignmentGraphQlIT {
  static final String JOHN = SupportDeskSuite.JOHN;
  static final String SARAH = SupportDeskSuite.SARAH;
  static final String MIKE = SupportDeskSuite.MIKE;
  static final String ADMIN = SupportDeskSuite.ADMIN;

  @LocalServerPort int port;
  DeskClient desk;

  @BeforeEach
  void client() {
    desk = new DeskClient(port);
  }

  private String ticket(String category) {
    return desk.data(
            JOHN,
            """
            mutation { createTicket(createTicketInput: {
              title: "Invoice %s", description: "Charged twice.", priority: HIGH, category: %s,
              companyId: "acme" }) { id } }
            """
                .formatted(UUID.randomUUID(), category))
        .path("createTicket")
        .path("id")
        .asString();
  }

  private JsonNode save(String agentId, int capacity, String availability, String... skills) {
    StringBuilder list = new StringBuilder();
    for (String s : skills) {
      list.append(list.isEmpty() ? "" : ", ").append('"').append(s).append('"');
    }
    return desk.data(
            ADMIN,
            """
            mutation { saveAssignmentAgent(input: { agentId: "%s", capacity: %d,
              availability: %s, skills: [%s] }) { agentId skills capacity availability load } }
            """
                .formatted(agentId, capacity, availability, list))
        .path("saveAssignmentAgent");
  }

  private JsonNode auto(String login, String ticketId, String strategy) {
    return desk.graphql(
        login,
        """
        mutation { autoAssignTicket(ticketId: "%s", strategy: "%s", skills: ["lang:de"]) {
          result agentId strategy ticket { id status assignedTo { id } } } }
        """
            .formatted(ticketId, strategy));
  }

  @Test
  void ticketsGoByStrategyToAvailableAgentsWithRoomAndAgentsSayWhenTheyAreAway() {
    // The desk's database is shared with the other tests, which may have assigned tickets to Sarah
    // and Mike already: their loads count, so capacities are set from the loads found.
    int sarahBefore = save("sarah", 10_000, "AVAILABLE").path("load").asInt();
    int mikeBefore = save("mike", 10_000, "AVAILABLE").path("load").asInt();
    JsonNode sarah = save("sarah", sarahBefore + 1, "AVAILABLE", "Category:Billing", "lang:de");
    assertThat(sarah.path("skills").toString()).isEqualTo("[\"category:billing\",\"lang:de\"]");
    save("mike", mikeBefore + 5, "AVAILABLE", "category:billing");

    String first = ticket("BILLING");
    JsonNode assigned = auto(ADMIN, first, "skills").path("data").path("autoAssignTicket");
    assertThat(assigned.path("result").asString()).isEqualTo("ASSIGNED");
    assertThat(assigned.path("agentId").asString()).isEqualTo("sarah");
    assertThat(assigned.path("ticket").path("status").asString()).isEqualTo("IN_PROGRESS");
    assertThat(assigned.path("ticket").path("assignedTo").path("id").asString()).isEqualTo("sarah");

    // Sarah is at capacity, and Mike does not speak German.
    String second = ticket("BILLING");
    assertThat(
            auto(ADMIN, second, "skills")
                .path("data")
                .path("autoAssignTicket")
                .path("result")
                .asString())
        .isEqualTo("NO_AGENT_AVAILABLE");
    // Mike goes away on his own; round robin finds no one else with room.
    assertThat(
            desk.data(
                    MIKE,
                    "mutation { setAgentAvailability(agentId: \"mike\", availability: AWAY) { availability } }")
                .path("setAgentAvailability")
                .path("availability")
                .asString())
        .isEqualTo("AWAY");
    assertThat(
            auto(ADMIN, second, "round-robin")
                .path("data")
                .path("autoAssignTicket")
                .path("result")
                .asString())
        .isEqualTo("NO_AGENT_AVAILABLE");

    JsonNode agents =
        desk.data(ADMIN, "{ assignmentAgents { agentId load availability } assignmentStrategies }");
    assertThat(agents.path("assignmentAgents").toString())
        .contains(
            "{\"agentId\":\"sarah\",\"load\":"
                + (sarahBefore + 1)
                + ",\"availability\":\"AVAILABLE\"}")
        .contains("{\"agentId\":\"mike\",\"load\":" + mikeBefore + ",\"availability\":\"AWAY\"}");
    assertThat(agents.path("assignmentStrategies").toString())
        .isEqualTo("[\"least-loaded\",\"round-robin\",\"skills\"]");
    assertThat(
            desk.data(ADMIN, "mutation { reconcileAgentLoads { agentId } }")
                .path("reconcileAgentLoads")
                .size())
        .isZero();
  }

  @Test
  void refusalsCarryTheLibrarysCodes() {
    String id = ticket("GENERAL");

    assertThat(
            desk.errorCode(
                SARAH,
                "mutation { saveAssignmentAgent(input: { agentId: \"sarah\", capacity: 99 }) { load } }"))
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            desk.errorCode(
                SARAH,
                "mutation { setAgentAvailability(agentId: \"mike\", availability: AWAY) { load } }"))
        .isEqualTo("ACCESS_DENIED");
    assertThat(desk.errorCode(JOHN, "{ assignmentAgents { agentId } }")).isEqualTo("ACCESS_DENIED");
    assertThat(
            auto(JOHN, id, "round-robin")
                .path("errors")
                .get(0)
                .path("extensions")
                .path("code")
                .asString())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            auto(SARAH, id, "round-robin")
                .path("errors")
                .get(0)
                .path("extensions")
                .path("code")
                .asString())
        .isEqualTo("NOT_FOUND");
    assertThat(
            auto(ADMIN, id, "lottery")
                .path("errors")
                .get(0)
                .path("extensions")
                .path("code")
                .asString())
        .isEqualTo("VALIDATION");
  }
}
