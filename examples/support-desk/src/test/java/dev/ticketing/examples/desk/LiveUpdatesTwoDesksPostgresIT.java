package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testsupport.DatabaseServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the desk on one PostgreSQL database, as behind a load balancer: a change made
 * through one is heard on the live streams of the other (the outbox delivers each event to one
 * instance; PostgreSQL's notifications hand it to all), once per stream, with the same rules of who
 * hears what.
 */
@DisplayName("live updates between two desk instances on one PostgreSQL database")
class LiveUpdatesTwoDesksPostgresIT {
  static final String JOHN = "john@acme.com";
  static final String JANE = "jane@globex.com";
  static final String SARAH = "sarah@support.com";
  static final String ADMIN = "admin@support.com";

  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;
  static DeskClient one;
  static DeskClient two;
  static int portOne;
  static int portTwo;
  final List<EventStreamClient> open = new ArrayList<>();

  @BeforeAll
  static void start() {
    DatabaseServer server = DatabaseServer.POSTGRESQL;
    String url = server.recreate(server.scratchName("live_two_desks"));
    first = desk(url, server);
    second = desk(url, server);
    portOne = port(first);
    portTwo = port(second);
    one = new DeskClient(portOne);
    two = new DeskClient(portTwo);
  }

  private static ConfigurableApplicationContext desk(String url, DatabaseServer server) {
    // Arguments, not default properties: they must win over application-postgres.yml.
    return new SpringApplicationBuilder(SupportDeskApplication.class)
        .profiles("postgres")
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + server.user(),
            "--spring.datasource.password=" + server.password(),
            // Each instance holds one connection for listening, besides requests and dispatching.
            "--spring.datasource.hikari.maximum-pool-size=8",
            // A shared, busy test machine: a slow document is not what this test is about.
            "--desk.limits.graphql.timeout=60s",
            "--desk.embedded-s3.directory=",
            "--desk.limits.login.bcrypt-strength=4",
            "--desk.limits.writes.capacity=100000");
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @AfterEach
  void closeStreams() {
    open.forEach(EventStreamClient::close);
    open.clear();
  }

  private EventStreamClient subscribe(int port, String login) {
    EventStreamClient stream = EventStreamClient.open(port, login);
    open.add(stream);
    assertThat(stream.status()).as("status of %s's stream", login).isEqualTo(200);
    stream.awaitComment("connected");
    return stream;
  }

  private static String createTicket(DeskClient desk, String login, String company) {
    return desk.data(
            login,
            """
            mutation { createTicket(createTicketInput: {
              title: "Printer on fire %s", description: "It smokes", companyId: "%s" }) { id } }
            """
                .formatted(UUID.randomUUID(), company))
        .path("createTicket")
        .path("id")
        .asString();
  }

  private static void comment(DeskClient desk, String login, String ticketId, boolean internal) {
    desk.data(
        login,
        """
        mutation { addTicketComment(addCommentInput: {
          ticketId: "%s", content: "Looking into it", isInternal: %s }) { id } }
        """
            .formatted(ticketId, internal));
  }

  private static void assign(DeskClient desk, String ticketId, String assignee) {
    desk.data(
        ADMIN,
        "mutation { assignTicket(assignTicketInput: { ticketId: \"%s\", assignedToId: \"%s\" }) { id } }"
            .formatted(ticketId, assignee));
  }

  @Test
  @DisplayName("a change made through one instance reaches the streams of both, once each")
  void eachHearsTheOther() {
    EventStreamClient adminOnOne = subscribe(portOne, ADMIN);
    EventStreamClient adminOnTwo = subscribe(portTwo, ADMIN);
    EventStreamClient sarahOnOne = subscribe(portOne, SARAH);

    String ticket = createTicket(one, JOHN, "acme");
    adminOnTwo.await(ticket, "created");
    adminOnOne.await(ticket, "created");

    // Assigned through the second instance: Sarah, on the first, hears of it.
    assign(two, ticket, "sarah");
    sarahOnOne.await(ticket, "assigned");
    adminOnOne.await(ticket, "assigned");

    comment(one, SARAH, ticket, false);
    EventStreamClient.Event reply = adminOnTwo.await(ticket, "commented");
    assertThat(reply.data()).doesNotContain("Looking into it");
    adminOnOne.await(ticket, "commented");

    // The outbox delivers at least once, and each instance hears every change: still one event
    // per change on each stream.
    for (EventStreamClient stream : List.of(adminOnOne, adminOnTwo)) {
      assertThat(stream.about(ticket))
          .extracting(EventStreamClient.Event::kind)
          .containsExactly("created", "assigned", "commented");
    }
  }

  @Test
  @DisplayName(
      "across instances a customer hears of his own tickets only, and never of an internal note")
  void visibilityAcrossInstances() {
    EventStreamClient johnOnTwo = subscribe(portTwo, JOHN);
    EventStreamClient janeOnTwo = subscribe(portTwo, JANE);
    EventStreamClient sarahOnTwo = subscribe(portTwo, SARAH);

    String acme = createTicket(one, JOHN, "acme");
    johnOnTwo.await(acme, "created");
    assign(one, acme, "sarah");
    johnOnTwo.await(acme, "assigned");

    comment(one, SARAH, acme, true);
    EventStreamClient.Event note = sarahOnTwo.await(acme, "note");
    comment(one, SARAH, acme, false);
    EventStreamClient.Event reply = johnOnTwo.await(acme, "commented");
    sarahOnTwo.await(acme, "commented");

    assertThat(johnOnTwo.about(acme))
        .extracting(EventStreamClient.Event::kind)
        .doesNotContain("note");
    assertThat(johnOnTwo.events())
        .noneMatch(e -> e.number() >= note.number() && e.number() < reply.number());
    // Another company's customer, on the same instance, hears nothing of it.
    String globex = createTicket(one, JANE, "globex");
    janeOnTwo.await(globex, "created");
    assertThat(janeOnTwo.about(acme)).isEmpty();
    assertThat(johnOnTwo.about(globex)).isEmpty();
  }
}
