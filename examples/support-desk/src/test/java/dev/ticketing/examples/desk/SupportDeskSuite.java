package dev.ticketing.examples.desk;

import static dev.ticketing.examples.desk.DeskClient.json;
import static dev.ticketing.examples.desk.DeskClient.moduleDocument;
import static dev.ticketing.examples.desk.DeskClient.ordered;
import static dev.ticketing.examples.desk.DeskClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.examples.desk.DeskTestConfiguration.RecordedNotifications;
import dev.ticketing.spi.Notification;
import dev.ticketing.testsupport.CountingDirectory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The support desk over real HTTP, as its clients use it: the GraphQL ticket module's fifteen
 * documents verbatim (ids substituted), its four workflows, the Comdeall support module's two REST
 * endpoints, the permission matrix cell by cell, tenant isolation, the secrecy of internal notes,
 * the state machine, validation, errors and batching. Subclasses run it on a database each (H2,
 * PostgreSQL): each declares every group below as a {@code @Nested} class of its own, since a
 * nested test class takes its Spring configuration from the class that encloses it.
 *
 * <p>All groups share one application (and database); each test makes the tickets it needs, and
 * assertions about lists look for those tickets rather than counting everything.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "desk.hasura.webhook-secret=test-hasura-secret",
      // The functional suite makes hundreds of requests and writes: cheap hashes and generous write
      // limits.
      // The production defaults are exercised by HostileClientsIT and OutOfTheBoxIT.
      "desk.limits.login.bcrypt-strength=4",
      "desk.limits.writes.capacity=100000",
      // The test schema (errorProbe) extends the application's.
      "spring.graphql.schema.locations=classpath:graphql/,classpath:graphql-test/"
    })
@Import(DeskTestConfiguration.class)
abstract class SupportDeskSuite {
  // The groups below are abstract inner classes; each database's suite declares them @Nested, so
  // that Spring takes the configuration (profile, data source) from that suite.
  static final String JOHN = "john@acme.com";
  static final String JANE = "jane@globex.com";
  static final String SARAH = "sarah@support.com";
  static final String MIKE = "mike@support.com";
  static final String ADMIN = "admin@support.com";
  static final String ROOT = "root@support.com";

  static final Pattern ISO_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

  @LocalServerPort int port;
  @Autowired CountingDirectory directory;
  @Autowired RecordedNotifications notifications;
  DeskClient desk;

  @BeforeEach
  void client() {
    desk = new DeskClient(port);
  }

  // ---- scenario steps (plain documents; the module's own are in Operations)

  String create(String login, String companyId, String title, String priority, String category) {
    return desk.data(
            login,
            """
        mutation { createTicket(createTicketInput: {
          title: %s, description: "Steps to reproduce: open the event, upload an image.",
          priority: %s, category: %s, companyId: "%s" }) { id } }
        """
                .formatted(quote(title), priority, category, companyId))
        .path("createTicket")
        .path("id")
        .asString();
  }

  /** A ticket John (acme) raised: OPEN. */
  String johnsTicket() {
    return create(JOHN, "acme", "Cannot upload images " + unique(), "HIGH", "TECHNICAL");
  }

  /** John's ticket assigned to Sarah by the admin: IN_PROGRESS. */
  String assignedToSarah() {
    String id = johnsTicket();
    assign(ADMIN, id, "sarah");
    return id;
  }

  JsonNode assign(String login, String id, @Nullable String assignee) {
    return desk.data(
            login,
            """
        mutation { assignTicket(assignTicketInput: { ticketId: "%s", assignedToId: %s }) { id status assignedTo { id } } }
        """
                .formatted(id, assignee == null ? "null" : quote(assignee)))
        .path("assignTicket");
  }

  JsonNode status(String login, String id, String status) {
    return desk.data(login, statusDocument(id, status)).path("updateTicketStatus");
  }

  static String statusDocument(String id, String status) {
    return """
        mutation { updateTicketStatus(updateTicketStatusInput: { ticketId: "%s", status: %s }) {
          id status resolvedAt closedAt updatedAt } }
        """
        .formatted(id, status);
  }

  JsonNode comment(String login, String id, String content, boolean internal) {
    return desk.data(login, commentDocument(id, content, internal)).path("addTicketComment");
  }

  static String commentDocument(String id, String content, boolean internal) {
    return """
        mutation { addTicketComment(addCommentInput: { ticketId: "%s", content: %s, isInternal: %s }) {
          id content isInternal ticketId createdAt } }
        """
        .formatted(id, quote(content), internal);
  }

  JsonNode ticket(String login, String id) {
    return desk.data(
            login,
            """
        { ticket(id: "%s") { id status resolvedAt closedAt lastCommentAt deletedBy
            assignedTo { id } _count { comments attachments }
            comments { id content isInternal attachments { id fileName } }
            attachments { id fileName fileSize contentType fileUrl } } }
        """
                .formatted(id))
        .path("ticket");
  }

  JsonNode uploadUrl(String login, String id, String fileName, String contentType, long size) {
    return desk.data(login, uploadDocument(id, fileName, contentType, size))
        .path("generateTicketAttachmentUploadUrl");
  }

  static String uploadDocument(String id, String fileName, String contentType, long size) {
    return """
        mutation { generateTicketAttachmentUploadUrl(generateAttachmentUploadUrlInput: {
          ticketId: "%s", fileName: %s, contentType: %s, fileSize: %d }) {
          uploadUrl key expiresIn maxFileSize requiredHeaders { name value } } }
        """
        .formatted(id, quote(fileName), quote(contentType), size);
  }

  static String attachDocument(String id, String key, @Nullable String commentId) {
    return """
        mutation { createTicketAttachment(createTicketAttachmentInput: {
          ticketId: "%s", key: %s, commentId: %s }) { id fileName fileSize contentType fileUrl } }
        """
        .formatted(id, quote(key), commentId == null ? "null" : quote(commentId));
  }

  /** Workflow 4 in one go: upload URL, PUT, confirm; the confirmed attachment. */
  JsonNode attachFile(
      String login,
      String id,
      @Nullable String commentId,
      String fileName,
      String type,
      byte[] bytes) {
    JsonNode upload = uploadUrl(login, id, fileName, type, bytes.length);
    assertThat(desk.put(upload.path("uploadUrl").asString(), type, bytes).statusCode())
        .isEqualTo(200);
    return desk.data(login, attachDocument(id, upload.path("key").asString(), commentId))
        .path("createTicketAttachment");
  }

  List<String> history(String id) {
    JsonNode entries =
        desk.data(ADMIN, "{ ticketHistory(ticketId: \"%s\") { action actorId } }".formatted(id))
            .path("ticketHistory");
    return StreamSupport.stream(entries.spliterator(), false)
        .map(e -> e.path("action").asString())
        .toList();
  }

  /** The cursor of the newest ticket the admin sees: a keyset position just after it. */
  String cursorOfNewest() {
    return desk.data(ADMIN, "{ ticketsPaginated(first: 1) { edges { cursor } } }")
        .path("ticketsPaginated")
        .path("edges")
        .get(0)
        .path("cursor")
        .asString();
  }

  /** The nodes of a connection, as a list of tickets. */
  static JsonNode nodes(JsonNode connection) {
    ArrayNode nodes = DeskClient.JSON.createArrayNode();
    connection.path("edges").forEach(e -> nodes.add(e.path("node")));
    return nodes;
  }

  static List<String> ids(JsonNode tickets) {
    return StreamSupport.stream(tickets.spliterator(), false)
        .map(t -> t.path("id").asString())
        .toList();
  }

  static JsonNode find(JsonNode tickets, String id) {
    for (JsonNode t : tickets) {
      if (t.path("id").asString().equals(id)) {
        return t;
      }
    }
    throw new AssertionError("ticket " + id + " is not in " + tickets);
  }

  static String quote(String text) {
    return json(text);
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static void assertIsoUtc(JsonNode timestamp) {
    assertThat(timestamp.asString()).matches(ISO_UTC);
  }

  // =====================================================================================

  /**
   * The GraphQL ticket module's fifteen documents, verbatim but for the ids, and the answers its
   * examples show.
   */
  abstract class Operations {

    @Test
    @DisplayName("1 createTicket")
    void createTicket() {
      JsonNode t =
          desk.data(JOHN, moduleDocument("01-createTicket.graphql", Map.of("company-id", "acme")))
              .path("createTicket");
      assertThat(t.path("title").asString()).isEqualTo("Unable to upload event images");
      assertThat(t.path("description").asString())
          .isEqualTo(
              "Getting an error when trying to upload images to our event. Error code: S3_UPLOAD_FAILED");
      assertThat(t.path("status").asString()).isEqualTo("OPEN");
      assertThat(t.path("priority").asString()).isEqualTo("HIGH");
      assertThat(t.path("category").asString()).isEqualTo("TECHNICAL");
      assertThat(t.path("company"))
          .isEqualTo(
              read(
                  """
          {"id":"acme","name":"Acme Corp","email":"billing@acme.com"}"""));
      assertThat(t.path("user"))
          .isEqualTo(
              read(
                  """
          {"id":"john","firstName":"John","lastName":"Doe","email":"john@acme.com"}"""));
      assertIsoUtc(t.path("createdAt"));
      assertThat(t.path("updatedAt")).isEqualTo(t.path("createdAt"));
    }

    @Test
    @DisplayName(
        "createTicket with an idempotencyKey (extension): a client retrying after a lost response gets the same ticket")
    void createTicketIdempotencyKey() {
      String key = "create-" + unique();
      String document =
          """
          mutation { createTicket(createTicketInput: {title: "Printer %s", description: "Jammed",
            companyId: "acme", idempotencyKey: "%s"}) { id title } }"""
              .formatted(key, key);
      JsonNode first = desk.data(JOHN, document).path("createTicket");
      JsonNode repeat = desk.data(JOHN, document).path("createTicket");
      assertThat(repeat.path("id").asString()).isEqualTo(first.path("id").asString());
      long mine = 0;
      for (JsonNode t : desk.data(JOHN, "{ myTickets { title } }").path("myTickets")) {
        mine += t.path("title").asString().equals("Printer " + key) ? 1 : 0;
      }
      assertThat(mine).isEqualTo(1);
      assertThat(desk.errorCode(JOHN, document.replace("Jammed", "Jammed again")))
          .isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    @DisplayName("2 updateTicket")
    void updateTicket() {
      String id = johnsTicket();
      JsonNode t =
          desk.data(JOHN, moduleDocument("02-updateTicket.graphql", Map.of("ticket-id", id)))
              .path("updateTicket");
      assertThat(t.path("id").asString()).isEqualTo(id);
      assertThat(t.path("title").asString()).isEqualTo("Updated title");
      assertThat(t.path("description").asString())
          .isEqualTo("Updated description with more details");
      assertThat(t.path("priority").asString()).isEqualTo("URGENT");
      assertThat(t.path("category").asString()).isEqualTo("BUG_REPORT");
      assertIsoUtc(t.path("updatedAt"));
    }

    @Test
    @DisplayName("3 updateTicketStatus")
    void updateTicketStatus() {
      String id = assignedToSarah();
      status(SARAH, id, "WAITING_FOR_CUSTOMER");
      JsonNode t =
          desk.data(SARAH, moduleDocument("03-updateTicketStatus.graphql", Map.of("ticket-id", id)))
              .path("updateTicketStatus");
      assertThat(t.path("status").asString()).isEqualTo("IN_PROGRESS");
      assertThat(t.path("assignedTo"))
          .isEqualTo(
              read(
                  """
          {"firstName":"Sarah","lastName":"Support"}"""));
      assertIsoUtc(t.path("updatedAt"));
    }

    @Test
    @DisplayName("4 assignTicket")
    void assignTicket() {
      String id = johnsTicket();
      JsonNode t =
          desk.data(
                  ADMIN,
                  moduleDocument(
                      "04-assignTicket.graphql",
                      Map.of("ticket-id", id, "support-staff-id", "sarah")))
              .path("assignTicket");
      assertThat(t.path("assignedTo"))
          .isEqualTo(
              read(
                  """
          {"id":"sarah","firstName":"Sarah","lastName":"Support","email":"sarah@support.com","role":{"name":"SALES"}}"""));
      assertThat(t.path("status").asString()).isEqualTo("IN_PROGRESS");
      assertIsoUtc(t.path("updatedAt"));
    }

    @Test
    @DisplayName("5 addTicketComment")
    void addTicketComment() {
      String id = assignedToSarah();
      JsonNode c =
          desk.data(SARAH, moduleDocument("05-addTicketComment.graphql", Map.of("ticket-id", id)))
              .path("addTicketComment");
      assertThat(c.path("content").asString())
          .isEqualTo(
              "I've checked the S3 bucket permissions and they look correct. Can you try again?");
      assertThat(c.path("isInternal").asBoolean()).isFalse();
      assertThat(c.path("ticketId").asString()).isEqualTo(id);
      assertThat(c.path("user"))
          .isEqualTo(
              read(
                  """
          {"id":"sarah","firstName":"Sarah","lastName":"Support","email":"sarah@support.com"}"""));
      assertIsoUtc(c.path("createdAt"));
      assertThat(c.path("updatedAt")).isEqualTo(c.path("createdAt"));
    }

    @Test
    @DisplayName("6 addInternalNote")
    void addInternalNote() {
      String id = assignedToSarah();
      JsonNode c =
          desk.data(SARAH, moduleDocument("06-addInternalNote.graphql", Map.of("ticket-id", id)))
              .path("addTicketComment");
      assertThat(c.path("content").asString())
          .isEqualTo("Customer has exceeded storage quota. Need to upgrade plan.");
      assertThat(c.path("isInternal").asBoolean()).isTrue();
      assertIsoUtc(c.path("createdAt"));
    }

    @Test
    @DisplayName("7 generateTicketAttachmentUploadUrl")
    void generateTicketAttachmentUploadUrl() {
      String id = johnsTicket();
      JsonNode u =
          desk.data(
                  JOHN,
                  moduleDocument(
                      "07-generateTicketAttachmentUploadUrl.graphql", Map.of("ticket-id", id)))
              .path("generateTicketAttachmentUploadUrl");
      assertThat(u.path("uploadUrl").asString())
          .startsWith("http://127.0.0.1:")
          .contains("X-Amz-Signature=");
      assertThat(u.path("key").asString())
          .startsWith("tickets/attachments/" + id + "/")
          .endsWith("/error-screenshot.png");
      assertThat(u.path("expiresIn").asLong()).isEqualTo(3600);
      assertThat(u.path("maxFileSize").asLong()).isEqualTo(104857600);
    }

    @Test
    @DisplayName("8 deleteTicket")
    void deleteTicket() {
      String id = johnsTicket();
      JsonNode t =
          desk.data(JOHN, moduleDocument("08-deleteTicket.graphql", Map.of("ticket-id", id)))
              .path("deleteTicket");
      assertThat(t.path("id").asString()).isEqualTo(id);
      assertThat(t.path("status").asString()).isEqualTo("CANCELLED");
      assertThat(t.path("deletedBy").asString()).isEqualTo("john");
      // Soft-deleted: gone from every read path.
      assertThat(desk.errorCode(JOHN, "{ ticket(id: \"%s\") { id } }".formatted(id)))
          .isEqualTo("NOT_FOUND");
      assertThat(ids(desk.data(JOHN, "{ myTickets { id } }").path("myTickets"))).doesNotContain(id);
    }

    @Test
    @DisplayName("9 ticket")
    void ticket() {
      String id = assignedToSarah();
      JsonNode reply = comment(SARAH, id, "I've checked the S3 bucket permissions...", false);
      JsonNode note = comment(SARAH, id, "Customer has exceeded storage quota...", true);
      JsonNode file =
          attachFile(JOHN, id, null, "error-screenshot.png", "image/png", new byte[] {1, 2, 3});

      JsonNode t =
          desk.data(ADMIN, moduleDocument("09-ticket.graphql", Map.of("ticket-id", id)))
              .path("ticket");
      assertThat(t.path("status").asString()).isEqualTo("IN_PROGRESS");
      assertThat(t.path("company").path("name").asString()).isEqualTo("Acme Corp");
      assertThat(t.path("user").path("email").asString()).isEqualTo("john@acme.com");
      assertThat(t.path("assignedTo"))
          .isEqualTo(
              read(
                  """
          {"id":"sarah","firstName":"Sarah","lastName":"Support","email":"sarah@support.com"}"""));
      assertThat(ids(t.path("comments")))
          .containsExactly(reply.path("id").asString(), note.path("id").asString());
      JsonNode first = t.path("comments").get(0);
      assertThat(first.path("isInternal").asBoolean()).isFalse();
      assertThat(first.path("user"))
          .isEqualTo(
              read(
                  """
          {"firstName":"Sarah","lastName":"Support"}"""));
      assertThat(first.path("attachments").isArray()).isTrue();
      assertThat(t.path("comments").get(1).path("isInternal").asBoolean()).isTrue();
      JsonNode attachment = t.path("attachments").get(0);
      assertThat(attachment.path("id").asString()).isEqualTo(file.path("id").asString());
      assertThat(attachment.path("fileName").asString()).isEqualTo("error-screenshot.png");
      assertThat(attachment.path("fileSize").asLong()).isEqualTo(3);
      assertThat(attachment.path("fileUrl").asString()).contains("X-Amz-Signature=");
      assertThat(t.path("resolvedAt").isNull()).isTrue();
      assertThat(t.path("closedAt").isNull()).isTrue();
      assertThat(t.path("lastCommentAt")).isEqualTo(note.path("createdAt"));
      assertIsoUtc(t.path("createdAt"));
      assertIsoUtc(t.path("updatedAt"));
    }

    @Test
    @DisplayName("10 myTickets")
    void myTickets() {
      String id = assignedToSarah();
      JsonNode reply = comment(SARAH, id, "Can you try again?", false);
      attachFile(JOHN, id, null, "log.txt", "text/plain", "log".getBytes(StandardCharsets.UTF_8));

      JsonNode t =
          find(
              desk.data(JOHN, moduleDocument("10-myTickets.graphql", Map.of())).path("myTickets"),
              id);
      assertThat(t.path("status").asString()).isEqualTo("IN_PROGRESS");
      assertThat(t.path("priority").asString()).isEqualTo("HIGH");
      assertThat(t.path("category").asString()).isEqualTo("TECHNICAL");
      assertThat(t.path("assignedTo"))
          .isEqualTo(
              read(
                  """
          {"firstName":"Sarah","lastName":"Support"}"""));
      assertThat(t.path("_count"))
          .isEqualTo(
              read(
                  """
          {"comments":1,"attachments":1}"""));
      assertIsoUtc(t.path("createdAt"));
      assertThat(t.path("lastCommentAt")).isEqualTo(reply.path("createdAt"));
    }

    @Test
    @DisplayName("11 myAssignedTickets")
    void myAssignedTickets() {
      String id = assignedToSarah();
      comment(SARAH, id, "Looking into it", false);
      comment(SARAH, id, "Probably quota", true);

      JsonNode t =
          find(
              desk.data(SARAH, moduleDocument("11-myAssignedTickets.graphql", Map.of()))
                  .path("myAssignedTickets"),
              id);
      assertThat(t.path("company"))
          .isEqualTo(
              read(
                  """
          {"name":"Acme Corp"}"""));
      assertThat(t.path("user"))
          .isEqualTo(
              read(
                  """
          {"firstName":"John","lastName":"Doe","email":"john@acme.com"}"""));
      assertThat(t.path("_count"))
          .isEqualTo(
              read(
                  """
          {"comments":2}"""));
      assertIsoUtc(t.path("lastCommentAt"));
      assertThat(
              ids(
                  desk.data(MIKE, moduleDocument("11-myAssignedTickets.graphql", Map.of()))
                      .path("myAssignedTickets")))
          .doesNotContain(id);
    }

    @Test
    @DisplayName("12 ticketsByCompany")
    void ticketsByCompany() {
      String id = assignedToSarah();
      for (String login : List.of(ADMIN, JOHN)) {
        JsonNode t =
            find(
                desk.data(
                        login,
                        moduleDocument("12-ticketsByCompany.graphql", Map.of("company-id", "acme")))
                    .path("ticketsByCompany"),
                id);
        assertThat(t.path("assignedTo"))
            .isEqualTo(
                read(
                    """
            {"firstName":"Sarah","lastName":"Support"}"""));
        assertThat(t.path("user"))
            .isEqualTo(
                read(
                    """
            {"firstName":"John","lastName":"Doe"}"""));
        assertIsoUtc(t.path("createdAt"));
      }
    }

    @Test
    @DisplayName("13 tickets (admin)")
    void tickets() {
      String id = johnsTicket();
      JsonNode all =
          desk.data(ADMIN, moduleDocument("13-tickets.graphql", Map.of())).path("tickets");
      JsonNode t = find(all, id);
      assertThat(t.path("company"))
          .isEqualTo(
              read(
                  """
          {"name":"Acme Corp"}"""));
      assertThat(t.path("user"))
          .isEqualTo(
              read(
                  """
          {"email":"john@acme.com"}"""));
      assertThat(t.path("assignedTo").isNull()).isTrue();
      assertThat(t.path("_count"))
          .isEqualTo(
              read(
                  """
          {"comments":0,"attachments":0}"""));
      for (JsonNode each : all) {
        assertThat(each.path("status").asString()).isEqualTo("OPEN");
        assertThat(each.path("priority").asString()).isEqualTo("HIGH");
      }
    }

    @Test
    @DisplayName("14 ticketsPaginated")
    void ticketsPaginated() {
      String id =
          create(JOHN, "acme", "Unable to upload event images " + unique(), "HIGH", "TECHNICAL");
      assign(ADMIN, id, "sarah");
      create(JOHN, "acme", "A newer ticket " + unique(), "LOW", "GENERAL");
      String cursor = cursorOfNewest();
      Map<String, String> ids =
          Map.of("cursor-id", cursor, "company-id", "acme", "support-staff-id", "sarah");

      // Verbatim: status OPEN with an assignee cannot match (assigning moves OPEN to IN_PROGRESS).
      JsonNode none =
          desk.data(ADMIN, moduleDocument("14-ticketsPaginated.graphql", ids))
              .path("ticketsPaginated");
      assertThat(none.path("edges").isEmpty()).isTrue();
      assertThat(none.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
      assertThat(none.path("totalCount").asLong()).isZero();
      // The extension: an unfiltered total comes from the ticket counters, exact.
      JsonNode counted =
          desk.data(
                  ADMIN,
                  "{ ticketsPaginated(first: 1, includeTotalCount: true)"
                      + " { totalCount totalCountCapped } }")
              .path("ticketsPaginated");
      assertThat(counted.path("totalCount").asLong()).isGreaterThanOrEqualTo(2);
      assertThat(counted.path("totalCountCapped").asBoolean()).isFalse();

      // The same document with the status such a ticket has.
      String document =
          moduleDocument("14-ticketsPaginated.graphql", ids)
              .replace("status: OPEN", "status: IN_PROGRESS");
      JsonNode page = desk.data(ADMIN, document).path("ticketsPaginated");
      JsonNode edge = page.path("edges").get(0);
      JsonNode t = edge.path("node");
      assertThat(t.path("id").asString()).isEqualTo(id);
      assertThat(t.path("company"))
          .isEqualTo(
              read(
                  """
          {"name":"Acme Corp"}"""));
      assertThat(t.path("user"))
          .isEqualTo(
              read(
                  """
          {"email":"john@acme.com"}"""));
      assertThat(t.path("assignedTo"))
          .isEqualTo(
              read(
                  """
          {"firstName":"Sarah","lastName":"Support"}"""));
      assertThat(t.path("_count"))
          .isEqualTo(
              read(
                  """
          {"comments":0,"attachments":0}"""));
      assertIsoUtc(t.path("createdAt"));
      assertThat(edge.path("cursor").asString()).isNotBlank();
      assertThat(page.path("pageInfo").path("endCursor").asString())
          .isEqualTo(
              page.path("edges").get(page.path("edges").size() - 1).path("cursor").asString());
      assertThat(page.path("totalCount").asLong())
          .isGreaterThanOrEqualTo(page.path("edges").size());
    }

    @Test
    @DisplayName("14 ticketsPaginated: keyset pages, totalCount only when asked")
    void paging() {
      String tag = "paging-" + unique();
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        created.add(create(JOHN, "acme", tag + " " + i, "LOW", "GENERAL"));
      }
      List<String> seen = new ArrayList<>();
      String after = null;
      boolean more = true;
      while (more) {
        JsonNode page =
            desk.data(
                    JOHN,
                    """
            { ticketsPaginated(first: 2, after: %s, filter: { searchTerm: "%s" }) {
                edges { node { id } cursor } pageInfo { endCursor hasNextPage } totalCount } }
            """
                        .formatted(after == null ? "null" : quote(after), tag))
                .path("ticketsPaginated");
        assertThat(page.path("totalCount").isNull()).isTrue();
        page.path("edges").forEach(e -> seen.add(e.path("node").path("id").asString()));
        more = page.path("pageInfo").path("hasNextPage").asBoolean();
        after = page.path("pageInfo").path("endCursor").asString();
      }
      List<String> newestFirst = new ArrayList<>(created);
      Collections.reverse(newestFirst);
      assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    @DisplayName("15 ticketStats")
    void ticketStats() {
      JsonNode before =
          desk.data(ADMIN, moduleDocument("15-ticketStats.graphql", Map.of("company-id", "acme")))
              .path("ticketStats");
      create(JOHN, "acme", "Everything is down " + unique(), "URGENT", "TECHNICAL");
      String resolved = assignedToSarah();
      status(SARAH, resolved, "RESOLVED");
      create(JANE, "globex", "Not acme's " + unique(), "URGENT", "BILLING");

      JsonNode after =
          desk.data(ADMIN, moduleDocument("15-ticketStats.graphql", Map.of("company-id", "acme")))
              .path("ticketStats");
      assertThat(delta(after, before, "total")).isEqualTo(2);
      assertThat(delta(after, before, "open")).isEqualTo(1);
      assertThat(delta(after, before, "resolved")).isEqualTo(1);
      assertThat(delta(after, before, "urgent")).isEqualTo(1);
      assertThat(delta(after, before, "unassigned")).isEqualTo(1);
      long sum = 0;
      for (String s :
          List.of(
              "open",
              "inProgress",
              "waitingForCustomer",
              "resolved",
              "closed",
              "cancelled",
              "reopened")) {
        sum += after.path(s).asLong();
      }
      assertThat(sum).isEqualTo(after.path("total").asLong());
    }

    private long delta(JsonNode after, JsonNode before, String field) {
      return after.path(field).asLong() - before.path(field).asLong();
    }
  }

  // =====================================================================================

  /** The GraphQL ticket module's four workflows, with their audit entries and notifications. */
  @ExtendWith(OutputCaptureExtension.class)
  abstract class Workflows {

    @Test
    @DisplayName(
        "1 customer creates a ticket: OPEN, audit CREATED, admins notified (and it shows in the log)")
    void customerCreatesTicket(CapturedOutput output) {
      String id = johnsTicket();
      assertThat(ticket(JOHN, id).path("status").asString()).isEqualTo("OPEN");
      assertThat(history(id)).containsExactly("CREATED");
      notifications.await(
          id, n -> n.template().name().equals("ticket-created") && n.recipientId().equals("admin"));
      notifications.await(
          id, n -> n.template().name().equals("ticket-created") && n.recipientId().equals("root"));
      assertThat(output.getOut())
          .contains("notification ticket-created to admin about ticket " + id);
    }

    @Test
    @DisplayName(
        "2 admin assigns, staff replies: IN_PROGRESS, lastCommentAt, audit, customer notified")
    void adminAssignsAndResponds() {
      String id = johnsTicket();
      assertThat(assign(ADMIN, id, "sarah").path("status").asString()).isEqualTo("IN_PROGRESS");
      JsonNode reply =
          comment(SARAH, id, "I've checked the S3 bucket permissions. Can you try again?", false);
      assertThat(ticket(JOHN, id).path("lastCommentAt")).isEqualTo(reply.path("createdAt"));
      assertThat(history(id)).containsExactly("CREATED", "TICKET_ASSIGNED", "TICKET_COMMENT_ADDED");
      notifications.await(
          id,
          n -> n.template().name().equals("ticket-assigned") && n.recipientId().equals("sarah"));
      Notification toJohn =
          notifications.await(
              id,
              n -> n.template().name().equals("comment-added") && n.recipientId().equals("john"));
      assertThat(toJohn.commentId()).isEqualTo(reply.path("id").asString());
    }

    @Test
    @DisplayName("3 resolution: RESOLVED sets resolvedAt, customer reopens, admin closes: closedAt")
    void resolution() {
      String id = assignedToSarah();
      JsonNode resolved = status(SARAH, id, "RESOLVED");
      assertIsoUtc(resolved.path("resolvedAt"));
      JsonNode reopened = status(JOHN, id, "REOPENED");
      assertThat(reopened.path("resolvedAt").isNull()).isTrue();
      status(SARAH, id, "RESOLVED");
      JsonNode closed = status(ADMIN, id, "CLOSED");
      assertIsoUtc(closed.path("closedAt"));
      assertIsoUtc(closed.path("resolvedAt"));
      assertThat(history(id))
          .containsExactly(
              "CREATED",
              "TICKET_ASSIGNED",
              "TICKET_RESOLVED",
              "TICKET_REOPENED",
              "TICKET_RESOLVED",
              "TICKET_CLOSED");
      notifications.await(
          id,
          n ->
              n.template().name().equals("support-ticket-resolved")
                  && n.recipientId().equals("john"));
      notifications.await(
          id,
          n -> n.template().name().equals("ticket-reopened") && n.recipientId().equals("sarah"));
      notifications.await(
          id, n -> n.template().name().equals("ticket-closed") && n.recipientId().equals("john"));
    }

    @Test
    @DisplayName(
        "4 attachment: upload URL, PUT, createTicketAttachment on a comment, fileUrl serves the bytes")
    void attachmentUpload() {
      String id = assignedToSarah();
      String commentId = comment(JOHN, id, "Here is the screenshot", false).path("id").asString();
      byte[] png = "\u0089PNG\r\n fake screenshot bytes".getBytes(StandardCharsets.ISO_8859_1);

      JsonNode upload = uploadUrl(JOHN, id, "error-screenshot.png", "image/png", png.length);
      assertThat(desk.put(upload.path("uploadUrl").asString(), "image/png", png).statusCode())
          .isEqualTo(200);
      JsonNode attachment =
          desk.data(JOHN, attachDocument(id, upload.path("key").asString(), commentId))
              .path("createTicketAttachment");
      assertThat(attachment.path("fileName").asString()).isEqualTo("error-screenshot.png");
      assertThat(attachment.path("fileSize").asLong()).isEqualTo(png.length);
      assertThat(attachment.path("contentType").asString()).isEqualTo("image/png");
      assertThat(desk.download(attachment.path("fileUrl").asString())).isEqualTo(png);

      JsonNode t = ticket(SARAH, id);
      assertThat(t.path("comments").get(0).path("attachments").get(0).path("id"))
          .isEqualTo(attachment.path("id"));
      assertThat(t.path("attachments").get(0).path("id")).isEqualTo(attachment.path("id"));
      assertThat(t.path("_count").path("attachments").asLong()).isEqualTo(1);
      assertThat(desk.download(t.path("attachments").get(0).path("fileUrl").asString()))
          .isEqualTo(png);
      assertThat(history(id)).contains("ATTACHMENT_ADDED");
    }

    @Test
    @DisplayName(
        "4 attachment: the signed URL refuses other bytes; an unconfirmed or repeated key is rejected")
    void attachmentChecks() {
      String id = johnsTicket();
      JsonNode upload = uploadUrl(JOHN, id, "report.pdf", "application/pdf", 4);
      String url = upload.path("uploadUrl").asString();
      String key = upload.path("key").asString();
      assertThat(desk.put(url, "image/png", new byte[] {1, 2, 3, 4}).statusCode()).isEqualTo(403);
      assertThat(desk.put(url, "application/pdf", new byte[] {1, 2, 3, 4, 5}).statusCode())
          .isEqualTo(403);
      assertThat(desk.errorCode(JOHN, attachDocument(id, key, null)))
          .isEqualTo("ATTACHMENT_REJECTED");
      assertThat(desk.put(url, "application/pdf", new byte[] {1, 2, 3, 4}).statusCode())
          .isEqualTo(200);
      desk.data(JOHN, attachDocument(id, key, null));
      assertThat(desk.errorCode(JOHN, attachDocument(id, key, null)))
          .isEqualTo("ATTACHMENT_REJECTED");
      String other = johnsTicket();
      assertThat(desk.errorCode(JOHN, attachDocument(other, key, null)))
          .isEqualTo("ATTACHMENT_REJECTED");
    }
  }

  // =====================================================================================

  /** The Comdeall support module's REST endpoints. */
  abstract class Rest {
    static final String RESOLVE = "/api/communication/mark-ticket-resolved";
    static final String ADD_NOTE = "/api/communication/support/add-note";
    static final Map<String, String> SECRET =
        Map.of("X-Hasura-Webhook-Secret", "test-hasura-secret");

    String resolveBody(String... ids) {
      return json(Map.of("input", Map.of("ticket_ids", List.of(ids))));
    }

    @Test
    @DisplayName("mark-ticket-resolved: one outcome per id")
    void markTicketResolved() {
      String open = assignedToSarah();
      String done = assignedToSarah();
      status(SARAH, done, "RESOLVED");
      HttpResponse<String> response =
          desk.post(RESOLVE, ADMIN, Map.of(), resolveBody(open, done, "no-such-ticket"));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = read(response.body());
      assertThat(body.path("success").asString()).isEqualTo("SUCCESS");
      assertThat(body.path("data"))
          .isEqualTo(
              read(
                  json(
                      ordered(
                          open,
                          "RESOLVED",
                          done,
                          "ALREADY_RESOLVED",
                          "no-such-ticket",
                          "NOT_FOUND"))));
      assertIsoUtc(ticket(JOHN, open).path("resolvedAt"));
      notifications.await(
          open,
          n ->
              n.template().name().equals("support-ticket-resolved")
                  && n.recipientId().equals("john"));
    }

    @Test
    @DisplayName(
        "mark-ticket-resolved with an Idempotency-Key: a repeat answers the first outcome, other ids are refused")
    void markTicketResolvedIdempotencyKey() {
      String id = johnsTicket();
      Map<String, String> key = Map.of("Idempotency-Key", "resolve-" + unique());
      JsonNode first = read(desk.post(RESOLVE, ADMIN, key, resolveBody(id)).body());
      JsonNode repeat = read(desk.post(RESOLVE, ADMIN, key, resolveBody(id)).body());
      assertThat(first.path("data").path(id).asString()).isEqualTo("RESOLVED");
      assertThat(repeat.path("data").path(id).asString())
          .as("the first outcome, not ALREADY_RESOLVED")
          .isEqualTo("RESOLVED");
      HttpResponse<String> reused = desk.post(RESOLVE, ADMIN, key, resolveBody(johnsTicket()));
      assertThat(reused.statusCode()).isEqualTo(422);
      assertThat(read(reused.body()).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    @DisplayName(
        "mark-ticket-resolved: the Comdeall support module's exact answer when every ticket resolves")
    void markTicketResolvedModuleAnswer() {
      String a = johnsTicket();
      String b = johnsTicket();
      JsonNode body = read(desk.post(RESOLVE, ADMIN, Map.of(), resolveBody(a, b)).body());
      assertThat(body.path("success").asString()).isEqualTo("SUCCESS");
      assertThat(body.path("message").asString()).isEqualTo("Tickets resolved successfully");
      assertThat(body.path("data").path(a).asString()).isEqualTo("RESOLVED");
      assertThat(body.path("data").path(b).asString()).isEqualTo("RESOLVED");
    }

    @Test
    @DisplayName(
        "mark-ticket-resolved: the policy per ticket (customer NOT_ALLOWED, other tenant NOT_FOUND)")
    void markTicketResolvedPolicy() {
      String id = johnsTicket();
      assertThat(
              read(desk.post(RESOLVE, JOHN, Map.of(), resolveBody(id)).body())
                  .path("data")
                  .path(id)
                  .asString())
          .isEqualTo("NOT_ALLOWED");
      assertThat(
              read(desk.post(RESOLVE, JANE, Map.of(), resolveBody(id)).body())
                  .path("data")
                  .path(id)
                  .asString())
          .isEqualTo("NOT_FOUND");
      assertThat(
              read(desk.post(RESOLVE, MIKE, Map.of(), resolveBody(id)).body())
                  .path("data")
                  .path(id)
                  .asString())
          .isEqualTo("NOT_FOUND");
      assertThat(ticket(JOHN, id).path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    @DisplayName("mark-ticket-resolved: 401 without login, 400 with the field on bad input")
    void markTicketResolvedErrors() {
      assertThat(desk.post(RESOLVE, null, Map.of(), resolveBody("x")).statusCode()).isEqualTo(401);
      HttpResponse<String> empty = desk.post(RESOLVE, ADMIN, Map.of(), resolveBody());
      assertThat(empty.statusCode()).isEqualTo(400);
      JsonNode body = read(empty.body());
      assertThat(body.path("success").asString()).isEqualTo("FAILURE");
      assertThat(body.path("code").asString()).isEqualTo("VALIDATION");
      // Named as the request names it, not as the library does.
      assertThat(body.path("errors").get(0).path("field").asString()).isEqualTo("input.ticket_ids");
      HttpResponse<String> missing = desk.post(RESOLVE, ADMIN, Map.of(), "{\"input\":{}}");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(read(missing.body()).path("errors").get(0).path("field").asString())
          .isEqualTo("input.ticket_ids");
      assertThat(desk.post(RESOLVE, ADMIN, Map.of(), "not json").statusCode()).isEqualTo(400);
    }

    String hasuraEvent(String noteId, String ticketId, String description) {
      return json(
          Map.of(
              "event",
              ordered(
                  "op",
                  "INSERT",
                  "data",
                  ordered(
                      "old",
                      null,
                      "new",
                      ordered(
                          "id",
                          noteId,
                          "support_id",
                          ticketId,
                          "description",
                          description,
                          "created_at",
                          "2024-01-01T00:00:00Z")))));
    }

    @Test
    @DisplayName("add-note: 401 without the shared secret or with a wrong one")
    void addNoteNeedsSecret() {
      String id = johnsTicket();
      String event = hasuraEvent(UUID.randomUUID().toString(), id, "Note content");
      assertThat(desk.post(ADD_NOTE, null, Map.of(), event).statusCode()).isEqualTo(401);
      assertThat(
              desk.post(ADD_NOTE, null, Map.of("X-Hasura-Webhook-Secret", "guess"), event)
                  .statusCode())
          .isEqualTo(401);
      // A user's login is not the webhook's secret either.
      assertThat(desk.post(ADD_NOTE, ADMIN, Map.of(), event).statusCode()).isEqualTo(401);
      assertThat(ticket(ADMIN, id).path("comments").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("add-note: recorded as the admin, owner notified, idempotent on redelivery")
    void addNote() {
      String id = johnsTicket();
      String noteId = UUID.randomUUID().toString();
      String event = hasuraEvent(noteId, id, "Note content");
      HttpResponse<String> first = desk.post(ADD_NOTE, null, SECRET, event);
      assertThat(first.statusCode()).isEqualTo(200);
      JsonNode body = read(first.body());
      assertThat(body.path("success").asString()).isEqualTo("SUCCESS");
      String commentId = body.path("data").path("comment_id").asString();

      // Hasura redelivers (retries up to 10 times): the same note, recorded once, notified once.
      HttpResponse<String> again = desk.post(ADD_NOTE, null, SECRET, event);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(read(again.body()).path("data").path("comment_id").asString())
          .isEqualTo(commentId);

      JsonNode t = ticket(JOHN, id);
      assertThat(ids(t.path("comments"))).containsExactly(commentId);
      assertThat(t.path("comments").get(0).path("content").asString()).isEqualTo("Note content");
      assertThat(t.path("lastCommentAt").asString()).isEqualTo("2024-01-01T00:00:00Z");
      notifications.await(
          id, n -> n.template().name().equals("note-added") && n.recipientId().equals("john"));
      desk.post(ADD_NOTE, null, SECRET, event);
      comment(ADMIN, id, "a later reply, delivered after the note's notification", false);
      notifications.await(id, n -> n.template().name().equals("comment-added"));
      assertThat(
              notifications.about(id).stream()
                  .filter(n -> n.template().name().equals("note-added")))
          .hasSize(1);
      assertThat(ticket(ADMIN, id).path("comments").size()).isEqualTo(2);
    }

    @Test
    @DisplayName("add-note: unknown ticket 404, empty note 400")
    void addNoteErrors() {
      HttpResponse<String> unknown =
          desk.post(
              ADD_NOTE,
              null,
              SECRET,
              hasuraEvent(UUID.randomUUID().toString(), "no-such-ticket", "Note content"));
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(read(unknown.body()).path("code").asString()).isEqualTo("NOT_FOUND");
      HttpResponse<String> empty =
          desk.post(
              ADD_NOTE,
              null,
              SECRET,
              hasuraEvent(UUID.randomUUID().toString(), johnsTicket(), "  "));
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(read(empty.body()).path("errors").get(0).path("field").asString())
          .isEqualTo("event.data.new.description");
      assertThat(desk.post(ADD_NOTE, null, SECRET, "{\"event\":{}}").statusCode()).isEqualTo(400);
    }
  }

  // =====================================================================================

  /**
   * The GraphQL ticket module's permission matrix, one cell per row: each on a fresh ticket John
   * (acme) raised and the admin assigned to Sarah. Jane is another tenant's customer, Mike an agent
   * it is not assigned to. OK = allowed; otherwise the error code.
   */
  abstract class PermissionMatrix {

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
      "createTicket,              john,  OK",
      "createTicket,              jane,  ACCESS_DENIED",
      "createTicket,              sarah, ACCESS_DENIED",
      "createTicket,              mike,  ACCESS_DENIED",
      "createTicket,              admin, OK",
      "createTicket,              root,  OK",
      "ticket,                    john,  OK",
      "ticket,                    jane,  NOT_FOUND",
      "ticket,                    sarah, OK",
      "ticket,                    mike,  NOT_FOUND",
      "ticket,                    admin, OK",
      "ticket,                    root,  OK",
      "updateTicket,              john,  OK",
      "updateTicket,              jane,  NOT_FOUND",
      "updateTicket,              sarah, ACCESS_DENIED",
      "updateTicket,              mike,  NOT_FOUND",
      "updateTicket,              admin, OK",
      "updateTicket,              root,  OK",
      "updateTicketStatus-cancel, john,  OK",
      "updateTicketStatus,        john,  ACCESS_DENIED",
      "updateTicketStatus,        jane,  NOT_FOUND",
      "updateTicketStatus,        sarah, OK",
      "updateTicketStatus,        mike,  NOT_FOUND",
      "updateTicketStatus,        admin, OK",
      "updateTicketStatus,        root,  OK",
      "assignTicket,              john,  ACCESS_DENIED",
      "assignTicket,              jane,  NOT_FOUND",
      "assignTicket,              sarah, ACCESS_DENIED",
      "assignTicket,              mike,  NOT_FOUND",
      "assignTicket,              admin, OK",
      "assignTicket,              root,  OK",
      "addTicketComment,          john,  OK",
      "addTicketComment,          jane,  NOT_FOUND",
      "addTicketComment,          sarah, OK",
      "addTicketComment,          mike,  NOT_FOUND",
      "addTicketComment,          admin, OK",
      "addTicketComment,          root,  OK",
      "addInternalNote,           john,  ACCESS_DENIED",
      "addInternalNote,           jane,  NOT_FOUND",
      "addInternalNote,           sarah, OK",
      "addInternalNote,           mike,  NOT_FOUND",
      "addInternalNote,           admin, OK",
      "addInternalNote,           root,  OK",
      "uploadUrl,                 john,  OK",
      "uploadUrl,                 jane,  NOT_FOUND",
      "uploadUrl,                 sarah, OK",
      "uploadUrl,                 mike,  NOT_FOUND",
      "uploadUrl,                 admin, OK",
      "uploadUrl,                 root,  OK",
      "ticketStats,               john,  ACCESS_DENIED",
      "ticketStats,               jane,  ACCESS_DENIED",
      "ticketStats,               sarah, ACCESS_DENIED",
      "ticketStats,               mike,  ACCESS_DENIED",
      "ticketStats,               admin, OK",
      "ticketStats,               root,  OK",
      "tickets,                   john,  ACCESS_DENIED",
      "tickets,                   jane,  ACCESS_DENIED",
      "tickets,                   sarah, ACCESS_DENIED",
      "tickets,                   mike,  ACCESS_DENIED",
      "tickets,                   admin, OK",
      "tickets,                   root,  OK",
      "deleteTicket,              john,  OK",
      "deleteTicket,              jane,  NOT_FOUND",
      "deleteTicket,              sarah, ACCESS_DENIED",
      "deleteTicket,              mike,  NOT_FOUND",
      "deleteTicket,              admin, OK",
      "deleteTicket,              root,  OK",
      "restoreTicket,             admin, ACCESS_DENIED",
      "restoreTicket,             root,  OK",
    })
    void cell(String operation, String who, String expected) {
      String login = login(who);
      String id = assignedToSarah();
      if (operation.equals("restoreTicket")) {
        desk.data(ADMIN, "mutation { deleteTicket(id: \"%s\") { id } }".formatted(id));
      }
      String document =
          switch (operation) {
            case "createTicket" ->
                """
            mutation { createTicket(createTicketInput: { title: "t", description: "d", companyId: "acme" }) { id } }""";
            case "ticket" -> "{ ticket(id: \"%s\") { id comments { id } } }".formatted(id);
            case "updateTicket" ->
                "mutation { updateTicket(updateTicketInput: { id: \"%s\", title: \"New\" }) { id } }"
                    .formatted(id);
            case "updateTicketStatus-cancel" -> statusDocument(id, "CANCELLED");
            case "updateTicketStatus" -> statusDocument(id, "RESOLVED");
            case "assignTicket" ->
                "mutation { assignTicket(assignTicketInput: { ticketId: \"%s\", assignedToId: \"mike\" }) { id } }"
                    .formatted(id);
            case "addTicketComment" -> commentDocument(id, "A reply", false);
            case "addInternalNote" -> commentDocument(id, "A note", true);
            case "uploadUrl" -> uploadDocument(id, "a.png", "image/png", 10);
            case "ticketStats" -> "{ ticketStats { total } }";
            case "tickets" -> "{ tickets { id } }";
            case "deleteTicket" -> "mutation { deleteTicket(id: \"%s\") { id } }".formatted(id);
            case "restoreTicket" ->
                "mutation { restoreTicket(id: \"%s\") { id status } }".formatted(id);
            default -> throw new IllegalArgumentException(operation);
          };
      JsonNode response = desk.graphql(login, document);
      if (expected.equals("OK")) {
        assertThat(response.path("errors").isMissingNode()).as("%s", response).isTrue();
      } else {
        assertThat(response.path("errors").get(0).path("extensions").path("code").asString())
            .as("%s", response)
            .isEqualTo(expected);
      }
    }

    private String login(String who) {
      return DemoPeople.PEOPLE.stream()
          .filter(p -> p.id().equals(who))
          .findFirst()
          .orElseThrow()
          .login();
    }
  }

  // =====================================================================================

  /** Jane (globex) cannot see or touch acme's tickets: not found, never forbidden. */
  abstract class TenantIsolation {

    @Test
    void janeCannotSeeAcmeTickets() {
      String title = "Acme secret " + unique();
      String id = create(JOHN, "acme", title, "HIGH", "TECHNICAL");
      assertThat(desk.errorCode(JANE, "{ ticket(id: \"%s\") { id } }".formatted(id)))
          .isEqualTo("NOT_FOUND");
      assertThat(ids(desk.data(JANE, "{ myTickets { id } }").path("myTickets"))).doesNotContain(id);
      assertThat(
              desk.data(JANE, "{ ticketsByCompany(companyId: \"acme\") { id } }")
                  .path("ticketsByCompany")
                  .isEmpty())
          .isTrue();
      JsonNode page =
          desk.data(
                  JANE,
                  """
          { ticketsPaginated(includeTotalCount: true, filter: { companyId: "acme" }) { edges { node { id } } totalCount } }
          """)
              .path("ticketsPaginated");
      assertThat(page.path("totalCount").asLong()).isZero();
      JsonNode search =
          desk.data(
                  JANE,
                  """
          { ticketsPaginated(includeTotalCount: true, filter: { searchTerm: %s }) { totalCount } }
          """
                      .formatted(quote(title)))
              .path("ticketsPaginated");
      assertThat(search.path("totalCount").asLong()).isZero();
    }

    @Test
    void janeCannotTouchAcmeTickets() {
      String id = johnsTicket();
      List<String> writes =
          List.of(
              "mutation { updateTicket(updateTicketInput: { id: \"%s\", title: \"Hijacked\" }) { id } }"
                  .formatted(id),
              statusDocument(id, "CANCELLED"),
              commentDocument(id, "Hello from Globex", false),
              uploadDocument(id, "x.png", "image/png", 10),
              attachDocument(id, "tickets/attachments/" + id + "/abc/x.png", null),
              "mutation { deleteTicket(id: \"%s\") { id } }".formatted(id));
      for (String write : writes) {
        assertThat(desk.errorCode(JANE, write)).as(write).isEqualTo("NOT_FOUND");
      }
      assertThat(
              desk.errorCode(
                  JANE,
                  """
          mutation { createTicket(createTicketInput: { title: "t", description: "d", companyId: "acme" }) { id } }"""))
          .isEqualTo("ACCESS_DENIED");
      JsonNode t = ticket(JOHN, id);
      assertThat(t.path("status").asString()).isEqualTo("OPEN");
      assertThat(t.path("comments").isEmpty()).isTrue();
    }
  }

  // =====================================================================================

  /** A customer never receives an internal note or anything derived from it. */
  abstract class InternalNotes {

    @Test
    void invisibleToTheCustomerOnEveryQuery() {
      String id = assignedToSarah();
      JsonNode reply = comment(SARAH, id, "We are on it", false);
      String secret = "quota" + unique();
      JsonNode note = comment(SARAH, id, "Customer exceeded the " + secret + " storage plan", true);
      attachFile(
          SARAH,
          id,
          note.path("id").asString(),
          "invoice.pdf",
          "application/pdf",
          new byte[] {9, 9});

      JsonNode johns = ticket(JOHN, id);
      assertThat(ids(johns.path("comments"))).containsExactly(reply.path("id").asString());
      assertThat(johns.path("attachments").isEmpty()).isTrue();
      assertThat(johns.path("_count")).isEqualTo(read("{\"comments\":1,\"attachments\":0}"));
      assertThat(johns.path("lastCommentAt")).isEqualTo(reply.path("createdAt"));
      assertThat(johns.toString()).doesNotContain(secret).doesNotContain("invoice.pdf");

      for (String list : List.of("myTickets", "ticketsByCompany")) {
        String query =
            list.equals("myTickets") ? "myTickets" : "ticketsByCompany(companyId: \"acme\")";
        JsonNode t =
            find(
                desk.data(
                        JOHN,
                        "{ %s { id _count { comments attachments } lastCommentAt } }"
                            .formatted(query))
                    .path(list),
                id);
        assertThat(t.path("_count")).as(list).isEqualTo(read("{\"comments\":1,\"attachments\":0}"));
        assertThat(t.path("lastCommentAt")).as(list).isEqualTo(reply.path("createdAt"));
      }
      JsonNode page =
          find(
              nodes(
                  desk.data(
                          JOHN,
                          """
          { ticketsPaginated(first: 100) { edges { node { id _count { comments attachments } lastCommentAt } } } }
          """)
                      .path("ticketsPaginated")),
              id);
      assertThat(page.path("_count")).isEqualTo(read("{\"comments\":1,\"attachments\":0}"));
      assertThat(page.path("lastCommentAt")).isEqualTo(reply.path("createdAt"));

      String search =
          "{ ticketsPaginated(includeTotalCount: true, filter: { searchTerm: \"%s\" }) { edges { node { id } } totalCount } }"
              .formatted(secret);
      assertThat(desk.data(JOHN, search).path("ticketsPaginated").path("totalCount").asLong())
          .isZero();
      assertThat(desk.data(SARAH, search).path("ticketsPaginated").path("totalCount").asLong())
          .isEqualTo(1);

      // Nor can John hang a file on the note: to him it does not exist.
      JsonNode upload = uploadUrl(JOHN, id, "mine.png", "image/png", 2);
      assertThat(
              desk.put(upload.path("uploadUrl").asString(), "image/png", new byte[] {1, 2})
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              desk.errorCode(
                  JOHN,
                  attachDocument(id, upload.path("key").asString(), note.path("id").asString())))
          .isEqualTo("NOT_FOUND");

      JsonNode staff = ticket(ADMIN, id);
      assertThat(staff.path("_count")).isEqualTo(read("{\"comments\":2,\"attachments\":1}"));
      assertThat(staff.path("lastCommentAt")).isEqualTo(note.path("createdAt"));

      // And no notification to John derives from the note.
      notifications.await(
          id, n -> n.template().name().equals("comment-added") && n.recipientId().equals("john"));
      assertThat(notifications.about(id))
          .filteredOn(n -> n.recipientId().equals("john"))
          .allSatisfy(
              n -> {
                assertThat(note.path("id").asString()).isNotEqualTo(n.commentId());
                assertThat(n.data().values()).noneMatch(v -> v.contains(secret));
              });
    }
  }

  // =====================================================================================

  /** The state machine over GraphQL. */
  abstract class Transitions {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "OPEN,                 OPEN",
      "OPEN,                 CLOSED",
      "OPEN,                 WAITING_FOR_CUSTOMER",
      "OPEN,                 REOPENED",
      "IN_PROGRESS,          IN_PROGRESS",
      "IN_PROGRESS,          CLOSED",
      "WAITING_FOR_CUSTOMER, CLOSED",
      "RESOLVED,             IN_PROGRESS",
      "RESOLVED,             CANCELLED",
      "CLOSED,               RESOLVED",
      "CLOSED,               CANCELLED",
      "CANCELLED,            REOPENED",
      "CANCELLED,            IN_PROGRESS",
    })
    void invalidTransitionsAreRefused(String from, String to) {
      String id = ticketIn(from);
      assertThat(desk.errorCode(ADMIN, statusDocument(id, to))).isEqualTo("INVALID_TRANSITION");
      assertThat(ticket(ADMIN, id).path("status").asString()).isEqualTo(from);
    }

    @Test
    void permissionComesBeforeTheStateMachine() {
      assertThat(desk.errorCode(JOHN, statusDocument(johnsTicket(), "CLOSED")))
          .isEqualTo("ACCESS_DENIED");
    }

    @Test
    void statusRulesOutsideTheTable() {
      String resolved = ticketIn("RESOLVED");
      assertThat(
              desk.errorCode(
                  ADMIN,
                  """
          mutation { assignTicket(assignTicketInput: { ticketId: "%s", assignedToId: "mike" }) { id } }
          """
                      .formatted(resolved)))
          .isEqualTo("INVALID_STATE");
      String closed = ticketIn("CLOSED");
      assertThat(desk.errorCode(JOHN, commentDocument(closed, "Hello?", false)))
          .isEqualTo("INVALID_STATE");
    }

    @Test
    void customerRepliesMoveTheTicket() {
      String waiting = ticketIn("WAITING_FOR_CUSTOMER");
      comment(JOHN, waiting, "Here is what you asked for", false);
      assertThat(ticket(JOHN, waiting).path("status").asString()).isEqualTo("IN_PROGRESS");
      String resolved = ticketIn("RESOLVED");
      comment(JOHN, resolved, "It is broken again", false);
      assertThat(ticket(JOHN, resolved).path("status").asString()).isEqualTo("REOPENED");
    }

    private String ticketIn(String status) {
      String id = johnsTicket();
      switch (status) {
        case "OPEN" -> {}
        case "IN_PROGRESS" -> assign(ADMIN, id, "sarah");
        case "WAITING_FOR_CUSTOMER" -> {
          assign(ADMIN, id, "sarah");
          status(SARAH, id, "WAITING_FOR_CUSTOMER");
        }
        case "RESOLVED" -> status(ADMIN, id, "RESOLVED");
        case "CLOSED" -> {
          status(ADMIN, id, "RESOLVED");
          status(ADMIN, id, "CLOSED");
        }
        case "CANCELLED" -> status(ADMIN, id, "CANCELLED");
        default -> throw new IllegalArgumentException(status);
      }
      return id;
    }
  }

  // =====================================================================================

  /** Validation errors name their fields; every library code reaches the client. */
  abstract class Errors {

    private JsonNode validation(String login, String document) {
      JsonNode error = desk.error(login, document);
      assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
      assertThat(error.path("extensions").path("classification").asString())
          .isEqualTo("BAD_REQUEST");
      return error.path("extensions");
    }

    private List<String> fields(JsonNode extensions) {
      return StreamSupport.stream(extensions.path("fields").spliterator(), false)
          .map(JsonNode::asString)
          .toList();
    }

    @Test
    void createTicketListsEveryField() {
      JsonNode ext =
          validation(
              JOHN,
              """
          mutation { createTicket(createTicketInput: { title: "   ", description: "" }) { id } }""");
      assertThat(fields(ext)).containsExactlyInAnyOrder("title", "description");
      assertThat(ext.path("violations").get(0).path("message").asString()).isNotBlank();
      String longTitle = "x".repeat(201);
      assertThat(
              fields(
                  validation(
                      JOHN,
                      """
          mutation { createTicket(createTicketInput: { title: "%s", description: "d" }) { id } }"""
                          .formatted(longTitle))))
          .containsExactly("title");
      assertThat(
              fields(
                  validation(
                      JOHN,
                      """
          mutation { createTicket(createTicketInput: { title: "bell\\u0007", description: "d" }) { id } }""")))
          .containsExactly("title");
    }

    @Test
    void otherInputs() {
      String id = johnsTicket();
      assertThat(fields(validation(JOHN, commentDocument(id, "  ", false))))
          .containsExactly("content");
      assertThat(
              fields(validation(JOHN, uploadDocument(id, "a.exe", "application/x-msdownload", 10))))
          .containsExactly("contentType");
      assertThat(fields(validation(JOHN, uploadDocument(id, "big.png", "image/png", 104857601))))
          .containsExactly("fileSize");
      assertThat(fields(validation(JOHN, "{ ticketsPaginated(first: 0) { totalCount } }")))
          .containsExactly("first");
      assertThat(fields(validation(JOHN, "{ ticketsPaginated(first: 101) { totalCount } }")))
          .containsExactly("first");
      assertThat(
              fields(
                  validation(JOHN, "{ ticketsPaginated(after: \"not-a-cursor\") { totalCount } }")))
          .containsExactly("after");
      assertThat(fields(validation(ADMIN, "{ ticket(id: \"bad id!\") { id } }"))).isNotEmpty();
      assertThat(
              fields(
                  validation(
                      ADMIN,
                      """
          mutation { assignTicket(assignTicketInput: { ticketId: "%s", assignedToId: "john" }) { id } }
          """
                          .formatted(id))))
          .containsExactly("assignedToId");
    }

    @Test
    void notFoundAndAccessDeniedAreClassified() {
      JsonNode notFound = desk.error(ADMIN, "{ ticket(id: \"no-such-ticket\") { id } }");
      assertThat(notFound.path("extensions").path("code").asString()).isEqualTo("NOT_FOUND");
      assertThat(notFound.path("extensions").path("classification").asString())
          .isEqualTo("NOT_FOUND");
      assertThat(notFound.path("path").get(0).asString()).isEqualTo("ticket");
      JsonNode denied = desk.error(JOHN, "{ ticketStats { total } }");
      assertThat(denied.path("extensions").path("code").asString()).isEqualTo("ACCESS_DENIED");
      assertThat(denied.path("extensions").path("classification").asString())
          .isEqualTo("FORBIDDEN");
    }

    @Test
    void retryableCodes() {
      JsonNode conflict =
          desk.error(ADMIN, "{ errorProbe(code: \"CONFLICT\") }").path("extensions");
      assertThat(conflict.path("code").asString()).isEqualTo("CONFLICT");
      assertThat(conflict.path("retryable").asBoolean()).isTrue();
      assertThat(conflict.path("classification").asString()).isEqualTo("CONFLICT");
      JsonNode unavailable =
          desk.error(ADMIN, "{ errorProbe(code: \"UNAVAILABLE\") }").path("extensions");
      assertThat(unavailable.path("code").asString()).isEqualTo("UNAVAILABLE");
      assertThat(unavailable.path("retryable").asBoolean()).isTrue();
      assertThat(unavailable.path("classification").asString()).isEqualTo("UNAVAILABLE");
      JsonNode unexpected = desk.error(ADMIN, "{ errorProbe(code: \"OTHER\") }");
      assertThat(unexpected.path("extensions").path("classification").asString())
          .isEqualTo("INTERNAL_ERROR");
      assertThat(unexpected.path("extensions").path("code").asString()).isEqualTo("INTERNAL_ERROR");
      assertThat(unexpected.toString()).doesNotContain("secret");
    }

    @Test
    void httpLevel() {
      assertThat(
              desk.post("/graphql", null, Map.of(), json(Map.of("query", "{ myTickets { id } }")))
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> wrongPassword =
          desk.post(
              "/graphql",
              "nobody@example.com",
              Map.of(),
              json(Map.of("query", "{ myTickets { id } }")));
      assertThat(wrongPassword.statusCode()).isEqualTo(401);
      assertThat(desk.get("/graphiql", JOHN).statusCode()).isEqualTo(200);
      assertThat(desk.get("/graphiql", null).statusCode()).isEqualTo(401);
    }
  }

  // =====================================================================================

  /** A page of 100 tickets costs one directory call for its users and one for its companies. */
  abstract class Batching {

    @Test
    void directoryCallsDoNotGrowWithThePage() {
      String tag = "batch-" + unique();
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        created.add(
            i % 2 == 0
                ? create(JOHN, "acme", tag + " " + i, "MEDIUM", "GENERAL")
                : create(JANE, "globex", tag + " " + i, "MEDIUM", "GENERAL"));
      }
      for (int i = 0; i < 10; i++) {
        assign(ADMIN, created.get(i), i % 2 == 0 ? "sarah" : "mike");
      }

      directory.reset();
      JsonNode page =
          desk.data(
                  ADMIN,
                  """
          { ticketsPaginated(first: 100, filter: { searchTerm: "%s" }) {
              edges { node { id company { id name email } user { id firstName lastName email role { name } }
                             assignedTo { id firstName role { name } } } } } }
          """
                      .formatted(tag))
              .path("ticketsPaginated")
              .path("edges");
      assertThat(page.size()).isEqualTo(100);
      assertThat(directory.userCalls()).isEqualTo(1);
      assertThat(directory.companyCalls()).isEqualTo(1);
      for (JsonNode edge : page) {
        JsonNode node = edge.path("node");
        assertThat(node.path("company").path("name").asString()).isIn("Acme Corp", "Globex");
        assertThat(node.path("user").path("firstName").asString()).isIn("John", "Jane");
        assertThat(node.path("user").path("role").path("name").asString())
            .isEqualTo("CALENDAR_MEMBER");
      }

      directory.reset();
      JsonNode list =
          desk.data(
                  ADMIN,
                  """
          { tickets(filter: { searchTerm: "%s" }) { id company { name } user { email } assignedTo { lastName } } }
          """
                      .formatted(tag))
              .path("tickets");
      assertThat(list.size()).isEqualTo(100);
      assertThat(directory.userCalls()).isEqualTo(1);
      assertThat(directory.companyCalls()).isEqualTo(1);
    }
  }

  /** (extension) Requester, followers and CCs, tags. */
  abstract class RequesterParticipantsAndTags {
    static final String ALICE = "alice@acme.com";

    @Test
    @DisplayName(
        "staff raise a ticket for a customer, copy a colleague and tag it; the CC reads and replies"
            + " but never sees the internal note, tags stay with staff")
    void raisedForACustomerWithACcAndTags() {
      String id =
          desk.data(
                  ADMIN,
                  """
              mutation { createTicket(createTicketInput: {
                title: "VPN down %s", description: "Since this morning", companyId: "acme",
                requesterId: "john", ccIds: ["alice"], tags: [" VPN ", "Urgent-Fix"] }) {
                id user { id } requester { id } ccs { id } tags } }
              """
                      .formatted(unique()))
              .path("createTicket")
              .path("id")
              .asString();
      JsonNode asAdmin =
          desk.data(
                  ADMIN,
                  "{ ticket(id: \"%s\") { user { id } requester { id } tags } }".formatted(id))
              .path("ticket");
      assertThat(asAdmin.path("user").path("id").asString()).isEqualTo("admin");
      assertThat(asAdmin.path("requester").path("id").asString()).isEqualTo("john");
      assertThat(asAdmin.path("tags").toString()).isEqualTo("[\"urgent-fix\",\"vpn\"]");
      assertThat(desk.data(JOHN, "{ myTickets { id tags } }").path("myTickets").toString())
          .contains(id)
          .doesNotContain("vpn");

      desk.data(
          ADMIN,
          """
          mutation { addTicketComment(addCommentInput: {
            ticketId: "%s", content: "SECRETNOTE staff only", isInternal: true }) { id } }
          """
              .formatted(id));
      desk.data(
          ALICE,
          """
          mutation { addTicketComment(addCommentInput: {
            ticketId: "%s", content: "Same here", isInternal: false }) { id } }
          """
              .formatted(id));
      JsonNode asAlice =
          desk.data(
                  ALICE,
                  "{ ticket(id: \"%s\") { comments { content } _count { comments } ccs { id } tags } }"
                      .formatted(id))
              .path("ticket");
      assertThat(asAlice.toString()).doesNotContain("SECRETNOTE").doesNotContain("vpn");
      assertThat(asAlice.path("_count").path("comments").asInt()).isEqualTo(1);
      assertThat(asAlice.path("ccs").get(0).path("id").asString()).isEqualTo("alice");
    }

    @Test
    @DisplayName("a CC of another company is refused naming the field, and nothing is written")
    void crossCompanyCcRefused() {
      String id = johnsTicket();
      JsonNode error =
          desk.error(
              ADMIN,
              """
              mutation { changeTicketParticipants(changeParticipantsInput: {
                ticketId: "%s", addCcs: ["jane"] }) { id } }
              """
                  .formatted(id));
      assertThat(error.path("extensions").path("code").asString()).isEqualTo("VALIDATION");
      assertThat(error.path("extensions").path("fields").toString()).isEqualTo("[\"addCcs[0]\"]");
      assertThat(
              desk.data(ADMIN, "{ ticket(id: \"%s\") { ccs { id } } }".formatted(id))
                  .path("ticket")
                  .path("ccs")
                  .size())
          .isZero();
      assertThat(
              desk.errorCode(
                  JOHN,
                  """
                  mutation { createTicket(createTicketInput: {
                    title: "For Jane", description: "D", requesterId: "jane" }) { id } }
                  """))
          .isEqualTo("ACCESS_DENIED");
    }

    @Test
    @DisplayName("followers are staff; tags filter lists (any/all) and count by tag")
    void followersTagFiltersAndStats() {
      String a = johnsTicket();
      String b = johnsTicket();
      String tag = "t" + unique().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
      desk.data(
          ADMIN,
          """
          mutation { changeTicketTags(changeTagsInput: { ticketId: "%s", add: ["%s", "both"] }) { id } }
          """
              .formatted(a, tag));
      desk.data(
          ADMIN,
          """
          mutation { changeTicketTags(changeTagsInput: { ticketId: "%s", add: ["both"] }) { id } }
          """
              .formatted(b));
      JsonNode follow =
          desk.data(
                  ADMIN,
                  """
                  mutation { changeTicketParticipants(changeParticipantsInput: {
                    ticketId: "%s", addFollowers: ["sarah"] }) { followers { id } } }
                  """
                      .formatted(a))
              .path("changeTicketParticipants");
      assertThat(follow.path("followers").get(0).path("id").asString()).isEqualTo("sarah");
      assertThat(
              desk.error(
                      ADMIN,
                      """
                      mutation { changeTicketParticipants(changeParticipantsInput: {
                        ticketId: "%s", addFollowers: ["john"] }) { id } }
                      """
                          .formatted(a))
                  .path("extensions")
                  .path("fields")
                  .toString())
          .isEqualTo("[\"addFollowers[0]\"]");

      String all =
          desk.data(
                  ADMIN,
                  """
                  { ticketsPaginated(first: 10, filter: { tags: ["%s", "both"], tagMatch: ALL }) {
                    edges { node { id } } } }
                  """
                      .formatted(tag))
              .toString();
      assertThat(all).contains(a).doesNotContain(b);
      String any =
          desk.data(
                  ADMIN,
                  """
                  { tickets(filter: { tags: ["%s", "both"] }) { id } }
                  """
                      .formatted(tag))
              .toString();
      assertThat(any).contains(a).contains(b);
      JsonNode stats =
          desk.data(ADMIN, "{ ticketTagStats(limit: 1000) { tag tickets active } }")
              .path("ticketTagStats");
      assertThat(stats.toString())
          .contains("{\"tag\":\"%s\",\"tickets\":1,\"active\":1}".formatted(tag));
      assertThat(
              desk.errorCode(
                  JOHN,
                  """
                  { ticketsPaginated(first: 5, filter: { tags: ["both"] }) { edges { node { id } } } }
                  """))
          .isEqualTo("ACCESS_DENIED");
      assertThat(
              desk.error(
                      ADMIN,
                      """
                      mutation { changeTicketTags(changeTagsInput: { ticketId: "%s", add: ["two words"] }) { id } }
                      """
                          .formatted(a))
                  .path("extensions")
                  .path("fields")
                  .toString())
          .isEqualTo("[\"add[0]\"]");
    }
  }
}
