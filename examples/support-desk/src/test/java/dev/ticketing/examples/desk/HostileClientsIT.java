package dev.ticketing.examples.desk;

import static dev.ticketing.examples.desk.DeskClient.json;
import static dev.ticketing.examples.desk.DeskClient.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.examples.desk.DeskTestConfiguration.CountingTicketService;
import dev.ticketing.examples.desk.DeskTestConfiguration.SlowProbe;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The desk as an attacker meets it, over real HTTP, with the production limits (a webhook secret
 * configured, bcrypt at cost 10, the default capacities of every {@code desk.limits.*}); only the
 * GraphQL deadline is shortened to 5 s, and tokens are granted back over an hour, to keep the tests
 * fast and exact. Each group answers one way a hostile client used to
 * hurt the desk: unread bodies and missing secrets, documents costing far more than their size,
 * per-item reads, unthrottled writes and logins, errors without codes, and a browser's ambient
 * credentials. The client addresses behind the trusted loopback proxy are set with {@code
 * X-Forwarded-For}, so that each login test has an address of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:desk-hostile;DB_CLOSE_DELAY=-1",
      "desk.hasura.webhook-secret=" + HostileClientsIT.SECRET,
      "desk.limits.graphql.timeout=5s",
      // Tokens come back over an hour instead of a minute (writes) or a quarter (logins): the same
      // capacities, but
      // no token returns while a test spends them, so each test sees exactly the capacity.
      "desk.limits.writes.period=1h",
      "desk.limits.login.account-period=1h",
      "desk.limits.login.address-period=1h",
      "server.forward-headers-strategy=native",
      "spring.graphql.schema.locations=classpath:graphql/,classpath:graphql-test/"
    })
@Import(DeskTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class HostileClientsIT {
  static final String SECRET = "hostile-test-webhook-secret";
  static final String JOHN = "john@acme.com";
  static final String ADMIN = "admin@support.com";

  /** Spends all of their write tokens in {@link WriteLimits}; nobody else writes as them. */
  static final String MIKE = "mike@support.com";

  /** Locked out in {@link Logins}; nobody else logs in as them. */
  static final String ROOT = "root@support.com";

  static final String ADD_NOTE = "/api/communication/support/add-note";
  static final String RESOLVE = "/api/communication/mark-ticket-resolved";
  static final int MB = 1024 * 1024;

  @LocalServerPort int port;
  @Autowired CountingTicketService service;
  DeskClient desk;

  @BeforeEach
  void client() {
    desk = new DeskClient(port);
  }

  String create(String login, String title) {
    return desk.data(
            login,
            """
        mutation { createTicket(createTicketInput: { title: %s, description: "Steps to reproduce", companyId: "acme" }) { id } }
        """
                .formatted(json(title)))
        .path("createTicket")
        .path("id")
        .asString();
  }

  static String event(String noteId, String ticketId, String createdAt) {
    return json(
        Map.of(
            "event",
            Map.of(
                "op",
                "INSERT",
                "data",
                Map.of(
                    "new",
                    Map.of(
                        "id",
                        noteId,
                        "support_id",
                        ticketId,
                        "description",
                        "Refund on its way",
                        "created_at",
                        createdAt)))));
  }

  static JsonNode error(HttpResponse<String> response) {
    return read(response.body()).path("errors").get(0);
  }

  static List<String> codes(JsonNode response) {
    return StreamSupport.stream(response.path("errors").spliterator(), false)
        .map(e -> e.path("extensions").path("code").asString())
        .toList();
  }

  // =====================================================================================

  @Nested
  @DisplayName("webhook: the secret is checked before the body is read")
  class Webhook {

    @Test
    @DisplayName(
        "20 MB announced with a wrong secret: 401 arrives after 64 KB, the rest never sent")
    void wrongSecretIsRefusedBeforeTheBody() throws Exception {
      RawHttp.Answer wrong =
          RawHttp.announceAndSendPart(
              port,
              ADD_NOTE,
              Map.of("X-Hasura-Webhook-Secret", "guess"),
              20L * MB,
              64 * 1024,
              10_000);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(read(wrong.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
      RawHttp.Answer none =
          RawHttp.announceAndSendPart(port, ADD_NOTE, Map.of(), 20L * MB, 64 * 1024, 10_000);
      assertThat(none.status()).isEqualTo(401);
      assertThat(read(none.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    @DisplayName("half a JSON body without the secret is 401, not 400")
    void unauthenticatedBeforeMalformed() {
      HttpResponse<String> response = desk.post(ADD_NOTE, null, Map.of(), "{\"event\":");
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(read(response.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    @DisplayName("with the secret, a body over the size limit is 413 before it is read")
    void rightSecretStillHasTheSizeLimit() throws Exception {
      RawHttp.Answer big =
          RawHttp.announceAndSendPart(
              port,
              ADD_NOTE,
              Map.of("X-Hasura-Webhook-Secret", SECRET),
              20L * MB,
              64 * 1024,
              10_000);
      assertThat(big.status()).isEqualTo(413);
      assertThat(read(big.body()).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    @DisplayName(
        "a note dated beyond the clock skew is a validation error on event.data.new.created_at")
    void futureNotes() {
      String ticket = create(ADMIN, "Future notes " + UUID.randomUUID());
      Map<String, String> secret = Map.of("X-Hasura-Webhook-Secret", SECRET);
      HttpResponse<String> farFuture =
          desk.post(
              ADD_NOTE,
              null,
              secret,
              event(UUID.randomUUID().toString(), ticket, "9999-12-31T23:59:59Z"));
      assertThat(farFuture.statusCode()).isEqualTo(400);
      JsonNode body = read(farFuture.body());
      assertThat(body.path("code").asString()).isEqualTo("VALIDATION");
      assertThat(body.path("errors").get(0).path("field").asString())
          .isEqualTo("event.data.new.created_at");
      String tenMinutes = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
      assertThat(
              desk.post(
                      ADD_NOTE,
                      null,
                      secret,
                      event(UUID.randomUUID().toString(), ticket, tenMinutes))
                  .statusCode())
          .isEqualTo(400);
      // Within the default 5 minutes of skew: accepted, dated as sent.
      String oneMinute =
          Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
      assertThat(
              desk.post(
                      ADD_NOTE,
                      null,
                      secret,
                      event(UUID.randomUUID().toString(), ticket, oneMinute))
                  .statusCode())
          .isEqualTo(200);
      JsonNode t =
          desk.data(
                  ADMIN,
                  "{ ticket(id: \"%s\") { lastCommentAt comments { id } } }".formatted(ticket))
              .path("ticket");
      assertThat(t.path("comments").size()).isEqualTo(1);
      assertThat(t.path("lastCommentAt").asString()).isEqualTo(oneMinute);
    }

    @Test
    @DisplayName(
        "a new note on a CLOSED or CANCELLED ticket is 409 INVALID_STATE; a redelivery of an earlier one succeeds")
    void notesOnFinishedTickets() {
      Map<String, String> secret = Map.of("X-Hasura-Webhook-Secret", SECRET);
      String closed = create(ADMIN, "Closed " + UUID.randomUUID());
      String earlier = event(UUID.randomUUID().toString(), closed, "2024-01-01T00:00:00Z");
      assertThat(desk.post(ADD_NOTE, null, secret, earlier).statusCode()).isEqualTo(200);
      desk.data(ADMIN, SupportDeskSuite.statusDocument(closed, "RESOLVED"));
      desk.data(ADMIN, SupportDeskSuite.statusDocument(closed, "CLOSED"));
      String cancelled = create(ADMIN, "Cancelled " + UUID.randomUUID());
      desk.data(ADMIN, SupportDeskSuite.statusDocument(cancelled, "CANCELLED"));
      for (String ticket : List.of(closed, cancelled)) {
        HttpResponse<String> late =
            desk.post(
                ADD_NOTE,
                null,
                secret,
                event(UUID.randomUUID().toString(), ticket, "2024-01-02T00:00:00Z"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(read(late.body()).path("code").asString()).isEqualTo("INVALID_STATE");
      }
      assertThat(desk.post(ADD_NOTE, null, secret, earlier).statusCode()).isEqualTo(200);
      assertThat(
              desk.data(ADMIN, "{ ticket(id: \"%s\") { comments { id } } }".formatted(closed))
                  .path("ticket")
                  .path("comments")
                  .size())
          .isEqualTo(1);
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("request size and JSON limits")
  class Sizes {

    @Test
    @DisplayName("signed in, 50 MB announced to /graphql: 413 before the body is read")
    void graphqlBodyOverTheLimit() throws Exception {
      RawHttp.Answer big =
          RawHttp.announceAndSendPart(
              port,
              "/graphql",
              Map.of("Authorization", DeskClient.basic(JOHN)),
              50L * MB,
              64 * 1024,
              10_000);
      assertThat(big.status()).isEqualTo(413);
      JsonNode error = read(big.body()).path("errors").get(0);
      assertThat(error.path("extensions").path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(big.headers().get("connection")).isEqualTo("close");
    }

    @Test
    @DisplayName("a chunked body (no length) over the limit: 413 once it passes the limit")
    void chunkedBodyOverTheLimit() {
      byte[] body =
          ("{\"query\":\"" + "x".repeat(300 * 1024) + "\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      HttpResponse<String> response =
          desk.send(
              HttpRequest.newBuilder(desk.uri("/graphql"))
                  .header("Authorization", DeskClient.basic(JOHN))
                  .header("Content-Type", "application/json")
                  // An input stream of unknown length goes out chunked.
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(body))));
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(error(response).path("extensions").path("code").asString())
          .isEqualTo("PAYLOAD_TOO_LARGE");
      // Within the limit, a chunked body is read as usual.
      byte[] small =
          json(Map.of("query", "{ myTickets { id } }"))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      HttpResponse<String> fine =
          desk.send(
              HttpRequest.newBuilder(desk.uri("/graphql"))
                  .header("Authorization", DeskClient.basic(JOHN))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(small))));
      assertThat(fine.statusCode()).isEqualTo(200);
      assertThat(read(fine.body()).path("data").path("myTickets").isArray()).isTrue();
    }

    @Test
    @DisplayName("JSON nested too deep or with a string too long: 400 VALIDATION naming the limit")
    void jacksonLimits() {
      String deep =
          "{\"query\":\"{ myTickets { id } }\",\"variables\":{\"a\":"
              + "[".repeat(100)
              + "]".repeat(100)
              + "}}";
      HttpResponse<String> nested = desk.post("/graphql", JOHN, Map.of(), deep);
      assertThat(nested.statusCode()).isEqualTo(400);
      assertThat(error(nested).path("extensions").path("code").asString()).isEqualTo("VALIDATION");
      assertThat(error(nested).path("message").asString()).contains("nesting depth");
      String longString =
          json(
              Map.of(
                  "query", "{ myTickets { id } }", "variables", Map.of("a", "x".repeat(150_000))));
      HttpResponse<String> tooLong = desk.post("/graphql", JOHN, Map.of(), longString);
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(error(tooLong).path("message").asString()).contains("String value length");
      HttpResponse<String> rest =
          desk.post(
              RESOLVE,
              ADMIN,
              Map.of(),
              "{\"padding\":"
                  + "[".repeat(100)
                  + "]".repeat(100)
                  + ",\"input\":{\"ticket_ids\":[\"x\"]}}");
      assertThat(rest.statusCode()).isEqualTo(400);
      assertThat(read(rest.body()).path("code").asString()).isEqualTo("VALIDATION");
      assertThat(read(rest.body()).path("message").asString()).contains("nesting depth");
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("GraphQL documents that cost more than their size")
  class DocumentCost {

    private String aliases(int n, String selection) {
      return "{ "
          + IntStream.range(0, n)
              .mapToObj(i -> "a" + i + ": " + selection)
              .collect(Collectors.joining(" "))
          + " }";
    }

    private JsonNode refusal(String document, String limit) {
      JsonNode response = desk.graphql(JOHN, document);
      assertThat(response.path("data").isMissingNode() || response.path("data").isNull())
          .as("nothing ran")
          .isTrue();
      JsonNode error =
          StreamSupport.stream(response.path("errors").spliterator(), false)
              .filter(e -> limit.equals(e.path("extensions").path("limit").asString()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no " + limit + " error in " + response));
      assertThat(error.path("extensions").path("code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
      assertThat(error.path("extensions").path("classification").asString())
          .isEqualTo("QUERY_TOO_COMPLEX");
      return error;
    }

    @Test
    @DisplayName(
        "2,100 aliases of myTickets { comments }: refused by the parser's size limit, nothing read")
    void thousandsOfAliases() {
      service.reset();
      refusal(aliases(2100, "myTickets { comments { id } }"), "characters");
      assertThat(service.all()).as("service calls").isEmpty();
    }

    @Test
    @DisplayName("21 aliases: over the alias limit (20)")
    void aliasLimit() {
      JsonNode error = refusal(aliases(21, "myTickets { id }"), "aliases");
      assertThat(error.path("extensions").path("max").asInt()).isEqualTo(20);
      assertThat(error.path("extensions").path("actual").asInt()).isEqualTo(21);
      assertThat(desk.data(JOHN, aliases(20, "myTickets { id }")).size()).isEqualTo(20);
    }

    @Test
    @DisplayName("thousands of repeated fields: over the field limit (500), before validation runs")
    void repeatedFields() {
      refusal("{ myTickets { " + "id ".repeat(3000) + "} }", "fields");
    }

    @Test
    @DisplayName(
        "a fragment bomb (a million fields in 500 characters) is measured without expanding it")
    void fragmentBomb() {
      StringBuilder doc =
          new StringBuilder("{ myTickets { ...F6 } }\nfragment F0 on Ticket { id }\n");
      for (int level = 1; level <= 6; level++) {
        doc.append("fragment F")
            .append(level)
            .append(" on Ticket { ")
            .append(("...F" + (level - 1) + " ").repeat(10))
            .append("}\n");
      }
      JsonNode error = refusal(doc.toString(), "fields");
      assertThat(error.path("extensions").path("actual").asLong()).isGreaterThan(1_000_000);
    }

    @Test
    @DisplayName(
        "nested lists multiply the cost: comments' attachments of a page of tickets is over 2,500")
    void nestedListCost() {
      refusal(
          """
          { ticketsPaginated(first: 100) { edges { node { comments { attachments {
              id fileName fileSize contentType fileUrl uploadedBy createdAt } } } } } }""",
          "cost");
    }

    @Test
    @DisplayName("six mutations in one document: over the limit (5), none of them runs")
    void mutationsPerDocument() {
      String title = "Not created " + UUID.randomUUID();
      String document =
          "mutation { "
              + IntStream.range(0, 6)
                  .mapToObj(
                      i ->
                          """
          m%d: createTicket(createTicketInput: { title: %s, description: "x" }) { id }"""
                              .formatted(i, json(title)))
                  .collect(Collectors.joining(" "))
              + " }";
      refusal(document, "mutations");
      assertThat(
              desk.data(
                      ADMIN,
                      "{ tickets(filter: { searchTerm: %s }) { id } }".formatted(json(title)))
                  .path("tickets")
                  .size())
          .isZero();
    }

    @Test
    @DisplayName("GraphiQL's introspection query fits the limits")
    void introspectionFits() {
      JsonNode data = desk.data(JOHN, graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
      assertThat(data.path("__schema").path("types").size()).isGreaterThan(20);
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("deadline: a document stops when its time is up, with the client or without it")
  class Deadline {

    @Test
    @DisplayName("100 items of 100 ms under a 5 s deadline: TIMEOUT, and no item resolved after it")
    void stopsAtTheDeadline() throws Exception {
      int before = SlowProbe.RESOLVED.get();
      JsonNode response = desk.graphql(JOHN, "{ slowProbe(items: 100, millis: 100) { value } }");
      assertThat(codes(response)).contains("TIMEOUT");
      int atAnswer = SlowProbe.RESOLVED.get() - before;
      assertThat(atAnswer).isLessThan(100);
      Thread.sleep(1_500);
      assertThat(SlowProbe.RESOLVED.get() - before)
          .as("items resolved after the answer")
          .isEqualTo(atAnswer);
    }

    @Test
    @DisplayName(
        "a client that gives up after 300 ms does not leave the document running to its end")
    void stopsWithoutTheClient() throws Exception {
      int before = SlowProbe.RESOLVED.get();
      HttpClient impatient = HttpClient.newHttpClient();
      HttpRequest request =
          HttpRequest.newBuilder(desk.uri("/graphql"))
              .timeout(Duration.ofMillis(300))
              .header("Authorization", DeskClient.basic(JOHN))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      json(Map.of("query", "{ slowProbe(items: 100, millis: 100) { value } }"))))
              .build();
      assertThatThrownBy(() -> impatient.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class);
      Thread.sleep(6_500); // past the deadline (5 s)
      int resolved = SlowProbe.RESOLVED.get() - before;
      Thread.sleep(1_000);
      assertThat(SlowProbe.RESOLVED.get() - before)
          .as("still resolving after the deadline")
          .isEqualTo(resolved);
      assertThat(resolved).as("items resolved of 100").isLessThan(100);
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("per-item reads are batched")
  class Batching {

    @Test
    @DisplayName(
        "comments and attachments of every listed ticket: one service call, whatever the length or aliases")
    void constantServiceCalls() {
      String tag = "batched-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String id = create(ADMIN, tag + " " + i);
        desk.data(ADMIN, SupportDeskSuite.commentDocument(id, "Reply " + i, false));
        ids.add(id);
      }
      for (int size : new int[] {3, 12}) {
        service.reset();
        JsonNode data =
            desk.data(
                ADMIN,
                """
            { tickets(filter: { searchTerm: "%s" }) { id comments { id content } attachments { id } }
              again: tickets(filter: { searchTerm: "%s" }) { comments { id } } }
            """
                    .formatted(size == 3 ? tag + " 1" : tag, size == 3 ? tag + " 1" : tag));
        int listed = data.path("tickets").size();
        assertThat(listed).isGreaterThanOrEqualTo(size == 3 ? 3 : 12);
        for (JsonNode t : data.path("tickets")) {
          assertThat(t.path("comments").size()).isEqualTo(1);
        }
        assertThat(service.calls("ticketDetails"))
            .as("batched reads for %d tickets: %s", listed, service.all())
            .isEqualTo(1);
        assertThat(service.calls("ticket")).as("single-ticket reads").isZero();
        assertThat(service.calls("tickets")).isEqualTo(2);
      }
      service.reset();
      JsonNode page =
          desk.data(
                  ADMIN,
                  """
          { ticketsPaginated(first: 12, filter: { searchTerm: "%s" }) { edges { node { id comments { id } } } } }
          """
                      .formatted(tag))
              .path("ticketsPaginated")
              .path("edges");
      assertThat(page.size()).isEqualTo(12);
      assertThat(service.all()).isEqualTo(Map.of("ticketsPaginated", 1, "ticketDetails", 1));
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("several mutations in one document")
  class PartialFailure {

    @Test
    @DisplayName(
        "a failing mutation is null with its error; the committed ones before and after keep their data")
    void earlierMutationsKeepTheirData() {
      JsonNode response =
          desk.graphql(
              JOHN,
              """
          mutation {
            first: createTicket(createTicketInput: { title: "Kept 1", description: "d" }) { id title }
            broken: updateTicketStatus(updateTicketStatusInput: { ticketId: "no-such-ticket", status: CANCELLED }) { id }
            third: createTicket(createTicketInput: { title: "Kept 3", description: "d" }) { id title }
          }""");
      assertThat(response.path("data").path("first").path("title").asString())
          .as("%s", response)
          .isEqualTo("Kept 1");
      assertThat(response.path("data").path("broken").isNull()).isTrue();
      assertThat(response.path("data").path("third").path("title").asString()).isEqualTo("Kept 3");
      assertThat(response.path("errors").size()).isEqualTo(1);
      assertThat(response.path("errors").get(0).path("path").get(0).asString()).isEqualTo("broken");
      assertThat(codes(response)).containsExactly("NOT_FOUND");
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("per-user write limits (60)")
  class WriteLimits {

    @Test
    @DisplayName("the 61st write is RATE_LIMITED with Retry-After, in GraphQL and REST alike")
    void sixtyWritesAMinute() {
      String move =
          "m%d: updateTicketStatus(updateTicketStatusInput: { ticketId: \"no-such-ticket\", status: RESOLVED }) { id }";
      String five =
          "mutation { "
              + IntStream.range(0, 5).mapToObj(move::formatted).collect(Collectors.joining(" "))
              + " }";
      for (int i = 0; i < 12; i++) {
        assertThat(codes(desk.graphql(MIKE, five))).as("document %d", i).containsOnly("NOT_FOUND");
      }
      HttpResponse<String> limited =
          desk.post("/graphql", MIKE, Map.of(), json(Map.of("query", five)));
      assertThat(limited.statusCode()).isEqualTo(200);
      JsonNode body = read(limited.body());
      assertThat(codes(body)).containsOnly("RATE_LIMITED").hasSize(5);
      JsonNode extensions = body.path("errors").get(0).path("extensions");
      assertThat(extensions.path("classification").asString()).isEqualTo("TOO_MANY_REQUESTS");
      assertThat(extensions.path("retryAfterSeconds").asLong()).isPositive();
      assertThat(limited.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());

      HttpResponse<String> rest =
          desk.post(
              RESOLVE, MIKE, Map.of(), json(Map.of("input", Map.of("ticket_ids", List.of("x")))));
      assertThat(rest.statusCode()).isEqualTo(429);
      assertThat(read(rest.body()).path("code").asString()).isEqualTo("RATE_LIMITED");
      assertThat(rest.headers().firstValue("Retry-After")).isPresent();
      // Reads are not writes.
      assertThat(
              desk.data(MIKE, "{ myAssignedTickets { id } }").path("myAssignedTickets").isArray())
          .isTrue();
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("login throttling and logging")
  class Logins {

    private HttpResponse<String> login(String account, String password, String address) {
      return desk.send(
          HttpRequest.newBuilder(desk.uri("/graphql"))
              .header("Authorization", DeskClient.basic(account, password))
              .header("X-Forwarded-For", address)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      json(Map.of("query", "{ myTickets { id } }")))));
    }

    @Test
    @DisplayName(
        "10 failures lock the account: the right password is refused 429 with Retry-After; failures logged without the password")
    void perAccount(CapturedOutput output) {
      String guess = "guess-" + UUID.randomUUID();
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> failed = login(ROOT, guess + i, "198.51.100." + (10 + i));
        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(error(failed).path("extensions").path("code").asString())
            .isEqualTo("UNAUTHENTICATED");
      }
      HttpResponse<String> locked = login(ROOT, DeskSecurity.DEMO_PASSWORD, "198.51.100.99");
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(error(locked).path("extensions").path("code").asString())
          .isEqualTo("RATE_LIMITED");
      long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 3600L);
      assertThat(output.getOut())
          .contains("login failed: account=root@support.com address=198.51.100.10")
          .doesNotContain(guess);
      assertThat(
              output
                  .getOut()
                  .lines()
                  .filter(l -> l.contains("login failed: account=root@support.com")))
          .hasSize(10);
    }

    @Test
    @DisplayName("50 failures from one address lock the address, not the accounts")
    void perAddress() {
      String address = "203.0.113.20";
      for (int i = 0; i < 50; i++) {
        assertThat(login("nobody-" + i + "@example.com", "wrong", address).statusCode())
            .isEqualTo(401);
      }
      HttpResponse<String> locked = login(JOHN, DeskSecurity.DEMO_PASSWORD, address);
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.headers().firstValue("Retry-After")).isPresent();
      assertThat(login(JOHN, DeskSecurity.DEMO_PASSWORD, "203.0.113.21").statusCode())
          .isEqualTo(200);
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("every error carries its code")
  class Codes {

    private JsonNode validation(String document) {
      JsonNode error = desk.error(JOHN, document);
      assertThat(error.path("extensions").path("code").asString())
          .as("%s", error)
          .isEqualTo("VALIDATION");
      return error.path("extensions");
    }

    private String field(JsonNode extensions) {
      return extensions.path("fields").get(0).asString();
    }

    @Test
    @DisplayName(
        "GraphQL: bad enum, unknown field, Int overflow, bad DateTime, syntax, bad variables")
    void graphqlValidation() {
      assertThat(
              field(
                  validation(
                      """
          mutation { createTicket(createTicketInput: { title: "t", description: "d", priority: SUPER }) { id } }""")))
          .isEqualTo("createTicketInput.priority");
      assertThat(field(validation("{ myTickets { bogus } }"))).isEqualTo("myTickets.bogus");
      assertThat(field(validation("{ ticketsPaginated(first: 99999999999) { totalCount } }")))
          .isEqualTo("first");
      assertThat(field(validation("{ tickets(filter: { createdFrom: \"yesterday\" }) { id } }")))
          .isEqualTo("filter.createdFrom");
      assertThat(field(validation("{ myTickets { id "))).isEqualTo("query");
      HttpResponse<String> variables =
          desk.post(
              "/graphql",
              JOHN,
              Map.of(),
              json(
                  Map.of(
                      "query",
                      "query($first: Int) { ticketsPaginated(first: $first) { totalCount } }",
                      "variables",
                      Map.of("first", 99999999999L))));
      assertThat(error(variables).path("extensions").path("code").asString())
          .isEqualTo("VALIDATION");
      assertThat(error(variables).path("extensions").path("fields").get(0).asString())
          .isEqualTo("variables.first");
    }

    @Test
    @DisplayName("HTTP 400, 401, 403, 404, 405, 415, 500: coded, in the shape of the API called")
    void httpErrors() {
      HttpResponse<String> badJson = desk.post("/graphql", JOHN, Map.of(), "{\"query\":");
      assertThat(badJson.statusCode()).isEqualTo(400);
      assertThat(error(badJson).path("extensions").path("code").asString()).isEqualTo("VALIDATION");

      HttpResponse<String> anonymous =
          desk.post("/graphql", null, Map.of(), json(Map.of("query", "{ myTickets { id } }")));
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(error(anonymous).path("extensions").path("code").asString())
          .isEqualTo("UNAUTHENTICATED");
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      HttpResponse<String> anonymousRest = desk.post(RESOLVE, null, Map.of(), "{}");
      assertThat(anonymousRest.statusCode()).isEqualTo(401);
      assertThat(read(anonymousRest.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");

      HttpResponse<String> crossSite =
          desk.post(
              "/graphql",
              JOHN,
              Map.of("Origin", "https://evil.example"),
              json(Map.of("query", "{ myTickets { id } }")));
      assertThat(crossSite.statusCode()).isEqualTo(403);
      assertThat(error(crossSite).path("extensions").path("code").asString())
          .isEqualTo("CSRF_REJECTED");

      HttpResponse<String> missing = desk.get("/no-such-page", JOHN);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(read(missing.body()).path("code").asString()).isEqualTo("NOT_FOUND");

      HttpResponse<String> get = desk.get("/graphql", JOHN);
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(error(get).path("extensions").path("code").asString())
          .isEqualTo("METHOD_NOT_ALLOWED");
      HttpResponse<String> getRest = desk.get(RESOLVE, JOHN);
      assertThat(getRest.statusCode()).isEqualTo(405);
      assertThat(read(getRest.body()).path("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");

      HttpResponse<String> text =
          desk.send(
              HttpRequest.newBuilder(desk.uri("/graphql"))
                  .header("Authorization", DeskClient.basic(JOHN))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("{ myTickets { id } }")));
      assertThat(text.statusCode()).isEqualTo(415);
      assertThat(error(text).path("extensions").path("code").asString())
          .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
      HttpResponse<String> textRest =
          desk.send(
              HttpRequest.newBuilder(desk.uri(RESOLVE))
                  .header("Authorization", DeskClient.basic(ADMIN))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("x")));
      assertThat(textRest.statusCode()).isEqualTo(415);
      assertThat(read(textRest.body()).path("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

      HttpResponse<String> failure = desk.get("/test/failure", JOHN);
      assertThat(failure.statusCode()).isEqualTo(500);
      assertThat(read(failure.body()).path("code").asString()).isEqualTo("INTERNAL_ERROR");
      assertThat(failure.body()).doesNotContain("secret");
    }

    @Test
    @DisplayName("REST validation names the request's fields")
    void restFieldNames() {
      HttpResponse<String> empty =
          desk.post(
              RESOLVE, ADMIN, Map.of(), json(Map.of("input", Map.of("ticket_ids", List.of()))));
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(read(empty.body()).path("errors").get(0).path("field").asString())
          .isEqualTo("input.ticket_ids");
      HttpResponse<String> badId =
          desk.post(
              RESOLVE,
              ADMIN,
              Map.of(),
              json(Map.of("input", Map.of("ticket_ids", List.of("ok", "bad id!")))));
      assertThat(read(badId.body()).path("errors").get(0).path("field").asString())
          .isEqualTo("input.ticket_ids[1]");
      HttpResponse<String> note =
          desk.post(
              ADD_NOTE,
              null,
              Map.of("X-Hasura-Webhook-Secret", SECRET),
              json(
                  Map.of(
                      "event",
                      Map.of(
                          "data",
                          Map.of(
                              "new",
                              Map.of("id", "bad id!", "support_id", "x", "description", " "))))));
      assertThat(note.statusCode()).isEqualTo(400);
      assertThat(
              StreamSupport.stream(read(note.body()).path("errors").spliterator(), false)
                  .map(e -> e.path("field").asString())
                  .toList())
          .containsExactlyInAnyOrder("event.data.new.id", "event.data.new.description");
    }
  }

  // =====================================================================================

  @Nested
  @DisplayName("browsers: CSRF and security headers")
  class Browsers {

    private HttpResponse<String> post(Map<String, String> headers) {
      return desk.post(
          "/graphql",
          JOHN,
          headers,
          json(
              Map.of(
                  "query",
                  "mutation { createTicket(createTicketInput: { title: \"From a browser\", description: \"d\" }) { id } }")));
    }

    @Test
    @DisplayName(
        "a browser's write without the token is refused even with Basic credentials; with it, it passes")
    void csrf() {
      assertThat(post(Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
      assertThat(post(Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
      assertThat(post(Map.of("Cookie", "XSRF-TOKEN=forged")).statusCode()).isEqualTo(403);
      assertThat(
              post(Map.of(
                      "Origin",
                      "http://localhost:" + port,
                      "Cookie",
                      "XSRF-TOKEN=one",
                      "X-XSRF-TOKEN",
                      "another"))
                  .statusCode())
          .isEqualTo(403);
      // What the desk's own GraphiQL does: the cookie's value back in the header.
      HttpResponse<String> page = desk.get("/graphiql", JOHN);
      String token =
          page.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("XSRF-TOKEN="))
              .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';')))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie: " + page.headers()));
      assertThat(page.headers().allValues("Set-Cookie").toString()).contains("SameSite=Strict");
      HttpResponse<String> same =
          post(
              Map.of(
                  "Origin",
                  "http://localhost:" + port,
                  "Sec-Fetch-Site",
                  "same-origin",
                  "Cookie",
                  "XSRF-TOKEN=" + token,
                  "X-XSRF-TOKEN",
                  token));
      assertThat(same.statusCode()).isEqualTo(200);
      assertThat(read(same.body()).path("data").path("createTicket").path("id").asString())
          .isNotBlank();
      // A client that is not a browser sends none of those headers and needs no token.
      assertThat(post(Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("security headers on every answer; HSTS on secure requests")
    void headers() {
      HttpResponse<String> page = desk.get("/graphiql", JOHN);
      // Connections and images also from the embedded object store (loopback), where browsers
      // upload files.
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              csp -> {
                java.util.regex.Matcher s3 =
                    java.util.regex.Pattern.compile(
                            "connect-src 'self' (http://(127\\.0\\.0\\.1|localhost):\\d+);")
                        .matcher(csp);
                assertThat(s3.find()).as(csp).isTrue();
                assertThat(csp)
                    .isEqualTo(DeskSecurity.contentSecurityPolicy(List.of(s3.group(1))))
                    .contains("img-src 'self' data: " + s3.group(1) + ";");
              });
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
      HttpResponse<String> secure =
          desk.get("/graphiql", JOHN, Map.of("X-Forwarded-Proto", "https"));
      assertThat(secure.headers().firstValue("Strict-Transport-Security"))
          .hasValueSatisfying(
              v -> assertThat(v).contains("max-age=31536000").contains("includeSubDomains"));
      HttpResponse<String> api =
          desk.post("/graphql", JOHN, Map.of(), json(Map.of("query", "{ myTickets { id } }")));
      assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();
    }
  }
}
