package dev.ticketing.examples.comdeall;

import static dev.ticketing.examples.comdeall.ComdeallClient.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ticketing.examples.comdeall.ComdeallClient.Reply;
import dev.ticketing.notification.OutboxDispatcher;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Comdeall support module over real HTTP, as its clients and Hasura use it: sign-in, the
 * permission matrix cell by cell, each lifecycle with its notifications at the SMTP server and in
 * the in-app feed, isolation between parents, and bad input to every endpoint. Subclasses run it on
 * a database each (H2, PostgreSQL) and declare every group below as a {@code @Nested} class of their
 * own, so that each database costs one application context.
 *
 * <p>All groups share that application; each test makes the tickets it needs and looks for those.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "comdeall.hasura.secret=" + ComdeallClient.SECRET,
      "comdeall.jwt.secret=" + ComdeallSuite.JWT_SECRET,
      "ticketing.outbox.poll-interval=200ms"
    })
abstract class ComdeallSuite {
  static final String JWT_SECRET = "a-test-key-of-more-than-thirty-two-bytes";

  static final String THERAPY = "3b0f6a52-9c1e-4d7a-8b25-6e4f1a2c9d01";
  static final String PAYMENTS = "7e2d4c18-5b3a-4f69-9a07-1c8b2e3d4f02";
  static final String LEGACY = "1f4e8a3b-6c2d-4e7f-9b1a-5d0c3e2f1a05";

  static final DemoUsers.User PARENT = DemoUsers.PARENT;
  static final DemoUsers.User PARENT_2 = DemoUsers.PARENT_2;
  static final DemoUsers.User THERAPIST = DemoUsers.THERAPIST;
  static final DemoUsers.User ADMIN = DemoUsers.ADMIN;
  static final DemoUsers.User ADMIN_2 = DemoUsers.ADMIN_2;

  /** One SMTP server for the run; each test finds its mails by ticket. */
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @LocalServerPort int port;
  @Autowired OutboxDispatcher dispatcher;
  ComdeallClient api;

  @BeforeEach
  void client() {
    api = new ComdeallClient(port);
  }

  // ------------------------------------------------------------------ steps

  String token(DemoUsers.User user) {
    return api.token(user.email());
  }

  static String actionPayload(String userId, String role, String subjectId, String description) {
    return """
        {"action": {"name": "create_support_ticket"},
         "input": {"input_subject_id": %s, "input_description": %s},
         "session_variables": {"x-hasura-user-id": %s, "x-hasura-role": %s},
         "request_query": "mutation { create_support_ticket(...) { id } }"}
        """
        .formatted(quote(subjectId), quote(description), quote(userId), quote(role));
  }

  Reply action(DemoUsers.User user, String subjectId, String description) {
    return api.hasura(
        CreateTicketAction.PATH, actionPayload(user.id(), user.role(), subjectId, description));
  }

  /** A ticket the user raised through the action: PENDING. */
  String create(DemoUsers.User user, String subjectId) {
    Reply r =
        action(
            user, subjectId, "My session on Monday was not in the calendar. " + UUID.randomUUID());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.body().path("id").asString();
  }

  static String notePayload(
      @org.jspecify.annotations.Nullable String authorId,
      String ticketId,
      String noteId,
      String text) {
    String session =
        authorId == null
            ? "{\"x-hasura-role\": \"admin\"}"
            : "{\"x-hasura-role\": \"ADMIN\", \"x-hasura-user-id\": " + quote(authorId) + "}";
    return """
        {"event": {"session_variables": %s, "op": "INSERT",
          "data": {"old": null, "new": {"id": %s, "support_id": %s, "description": %s,
            "created_at": "2026-01-05T10:00:00.123456+00:00"}}},
         "created_at": "2026-01-05T10:00:00.2Z", "id": %s,
         "trigger": {"name": "addNoteSupportTicket"}, "table": {"schema": "public", "name": "support_note"}}
        """
        .formatted(
            session,
            quote(noteId),
            quote(ticketId),
            quote(text),
            quote(UUID.randomUUID().toString()));
  }

  Reply note(@org.jspecify.annotations.Nullable String authorId, String ticketId, String text) {
    return api.hasura(
        CommunicationController.ADD_NOTE_PATH,
        notePayload(authorId, ticketId, UUID.randomUUID().toString(), text));
  }

  Reply resolve(DemoUsers.User user, String... ids) {
    return api.post(
        token(user),
        "/api/communication/mark-ticket-resolved",
        "{\"input\": {\"ticket_ids\": ["
            + String.join(", ", Arrays.stream(ids).map(ComdeallClient::quote).toList())
            + "]}}");
  }

  Reply ticket(DemoUsers.User user, String id) {
    return api.get(token(user), "/api/communication/support/tickets/" + id);
  }

  /** Every ticket the user's list shows, walking all pages. */
  List<JsonNode> allTickets(DemoUsers.User user) {
    List<JsonNode> all = new ArrayList<>();
    String after = null;
    do {
      Reply r =
          api.get(
              token(user),
              "/api/communication/support/tickets?first=100"
                  + (after == null ? "" : "&after=" + after));
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      r.data().path("tickets").forEach(all::add);
      JsonNode info = r.data().path("page_info");
      after = info.path("has_next_page").asBoolean() ? info.path("end_cursor").asString() : null;
    } while (after != null);
    return all;
  }

  List<String> ids(List<JsonNode> tickets) {
    return tickets.stream().map(t -> t.path("id").asString()).toList();
  }

  List<JsonNode> feed(DemoUsers.User user) {
    List<JsonNode> all = new ArrayList<>();
    String after = null;
    do {
      Reply r =
          api.get(
              token(user),
              "/api/communication/notifications?first=100"
                  + (after == null ? "" : "&after=" + after));
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      r.data().path("notifications").forEach(all::add);
      JsonNode info = r.data().path("page_info");
      after = info.path("has_next_page").asBoolean() ? info.path("end_cursor").asString() : null;
    } while (after != null);
    return all;
  }

  /** Delivers what is due now, so that what was not delivered is not going to be. */
  void deliverDue() {
    dispatcher.drain();
  }

  List<JsonNode> feedAbout(DemoUsers.User user, String ticketId) {
    return feed(user).stream()
        .filter(n -> ticketId.equals(n.path("ticket_id").asString()))
        .toList();
  }

  JsonNode awaitFeed(DemoUsers.User user, String ticketId, String subject) {
    return await(
        "feed entry '" + subject + "' of " + user.email() + " about " + ticketId,
        () ->
            feedAbout(user, ticketId).stream()
                .filter(n -> subject.equals(n.path("subject").asString()))
                .findFirst()
                .orElse(null));
  }

  /** The mails to the address about the ticket (its id is in every mail's text). */
  static List<MimeMessage> mails(String to, String ticketId) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains("<" + to + ">"))
                    && text(m).contains(ticketId);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  MimeMessage awaitMail(String to, String template, String ticketId) {
    return await(
        "mail " + template + " to " + to + " about " + ticketId,
        () ->
            mails(to, ticketId).stream()
                .filter(
                    m -> {
                      try {
                        String[] h = m.getHeader("X-Ticketing-Template");
                        return h != null && h[0].equals(template);
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    })
                .findFirst()
                .orElse(null));
  }

  /** The plain-text part of a mail. */
  static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof String s) {
      return s;
    }
    Multipart parts = (Multipart) content;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        return (String) part.getContent();
      }
    }
    return "";
  }

  static <T> T await(String what, java.util.function.Supplier<T> probe) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      T found = probe.get();
      if (found != null) {
        return found;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no " + what + " within 20 s");
  }

  static void assertFailure(Reply r, int status, String code) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.body().path("success").asString()).as("%s", r).isEqualTo("FAILURE");
    assertThat(r.body().path("code").asString()).as("%s", r).isEqualTo(code);
    assertThat(r.body().path("message").asString()).as("%s", r).isNotBlank();
  }

  /** The module's envelope naming the request's fields, in order. */
  static void assertInvalid(Reply r, String... fields) {
    assertFailure(r, 400, "VALIDATION");
    List<String> named =
        StreamSupport.stream(r.body().path("errors").spliterator(), false)
            .map(e -> e.path("field").asString())
            .toList();
    assertThat(named).as("%s", r).containsExactly(fields);
  }

  /** Hasura's action error shape naming the request's fields. */
  static void assertActionError(Reply r, int status, String code, String... fields) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.body().path("message").asString()).as("%s", r).isNotBlank();
    assertThat(r.body().path("extensions").path("code").asString()).as("%s", r).isEqualTo(code);
    List<String> named =
        StreamSupport.stream(r.body().path("extensions").path("errors").spliterator(), false)
            .map(e -> e.path("field").asString())
            .toList();
    assertThat(named).as("%s", r).containsExactly(fields);
    assertThat(r.body().has("success")).as("no REST envelope in an action error: %s", r).isFalse();
  }

  static Predicate<JsonNode> about(String ticketId) {
    return n -> ticketId.equals(n.path("ticket_id").asString());
  }

  // ================================================================== permission matrix

  /** Every cell of the module's permission matrix, for its three roles and a caller with no token. */
  abstract class PermissionMatrix {

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} by {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
      "CREATE_TICKET,    PARENT,    true",
      "CREATE_TICKET,    THERAPIST, true",
      "CREATE_TICKET,    ADMIN,     false",
      "CREATE_TICKET,    PUBLIC,    false",
      "VIEW_OWN_TICKETS, PARENT,    true",
      "VIEW_OWN_TICKETS, THERAPIST, true",
      "VIEW_OWN_TICKETS, ADMIN,     false",
      "VIEW_OWN_TICKETS, PUBLIC,    false",
      "VIEW_ALL_TICKETS, PARENT,    false",
      "VIEW_ALL_TICKETS, THERAPIST, false",
      "VIEW_ALL_TICKETS, ADMIN,     true",
      "VIEW_ALL_TICKETS, PUBLIC,    false",
      "MARK_RESOLVED,    PARENT,    false",
      "MARK_RESOLVED,    THERAPIST, false",
      "MARK_RESOLVED,    ADMIN,     true",
      "MARK_RESOLVED,    PUBLIC,    false",
      "ADD_NOTES,        PARENT,    false",
      "ADD_NOTES,        THERAPIST, false",
      "ADD_NOTES,        ADMIN,     true",
      "ADD_NOTES,        PUBLIC,    false",
      "DELETE_TICKETS,   PARENT,    false",
      "DELETE_TICKETS,   THERAPIST, false",
      "DELETE_TICKETS,   ADMIN,     true",
      "DELETE_TICKETS,   PUBLIC,    false"
    })
    void cell(String resource, String caller, boolean allowed) {
      DemoUsers.User user =
          switch (caller) {
            case "PARENT" -> PARENT;
            case "THERAPIST" -> THERAPIST;
            case "ADMIN" -> ADMIN;
            default -> null;
          };
      switch (resource) {
        case "CREATE_TICKET" -> createTicket(user, allowed);
        case "VIEW_OWN_TICKETS" -> viewOwn(user, allowed);
        case "VIEW_ALL_TICKETS" -> viewAll(user, allowed);
        case "MARK_RESOLVED" -> markResolved(user, allowed);
        case "ADD_NOTES" -> addNotes(user, allowed);
        case "DELETE_TICKETS" -> deleteTickets(user, allowed);
        default -> throw new IllegalArgumentException(resource);
      }
    }

    /** The creator of the tickets a cell is tried on: the caller when it may have tickets, else a parent. */
    private DemoUsers.User owner(DemoUsers.User user) {
      return user == THERAPIST ? THERAPIST : PARENT;
    }

    private void createTicket(DemoUsers.User user, boolean allowed) {
      if (user == null) {
        // Hasura calls the action for an anonymous session with no user: refused, nothing created.
        Reply r =
            api.hasura(CreateTicketAction.PATH, actionPayload("", "anonymous", THERAPY, "Help"));
        assertActionError(r, 403, "ACCESS_DENIED");
        assertThat(
                api.hasura(
                        CreateTicketAction.PATH,
                        actionPayload(PARENT.id(), "PARENT", THERAPY, "Help"),
                        null)
                    .status())
            .isEqualTo(401);
        return;
      }
      Reply r = action(user, THERAPY, "The invoice for March is missing");
      if (allowed) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(ids(allTickets(user))).contains(r.body().path("id").asString());
      } else {
        assertActionError(r, 403, "ACCESS_DENIED");
      }
    }

    private void viewOwn(DemoUsers.User user, boolean allowed) {
      if (user == null) {
        assertFailure(api.get(null, "/api/communication/support/tickets"), 401, "UNAUTHENTICATED");
        assertFailure(
            api.get(null, "/api/communication/support/tickets/" + create(PARENT, THERAPY)),
            401,
            "UNAUTHENTICATED");
        return;
      }
      if (allowed) {
        String id = create(user, PAYMENTS);
        Reply r = ticket(user, id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.data().path("user_id").asString()).isEqualTo(user.id());
        assertThat(r.data().path("subject_label").asString()).isEqualTo("Payments and billing");
        assertThat(allTickets(user))
            .extracting(t -> t.path("user_id").asString())
            .containsOnly(user.id());
        assertThat(ids(allTickets(user))).contains(id);
      } else {
        // Admins have no tickets of their own: they cannot raise one, and none in their list is
        // theirs.
        assertActionError(action(user, THERAPY, "Mine"), 403, "ACCESS_DENIED");
        assertThat(allTickets(user))
            .extracting(t -> t.path("user_id").asString())
            .doesNotContain(user.id());
      }
    }

    private void viewAll(DemoUsers.User user, boolean allowed) {
      String parents = create(PARENT, THERAPY);
      String therapists = create(THERAPIST, THERAPY);
      if (user == null) {
        assertFailure(
            api.get(null, "/api/communication/support/tickets/" + parents), 401, "UNAUTHENTICATED");
        return;
      }
      String others = user == PARENT ? therapists : parents;
      if (allowed) {
        assertThat(ticket(user, parents).status()).isEqualTo(200);
        assertThat(ticket(user, therapists).status()).isEqualTo(200);
        assertThat(ids(allTickets(user))).contains(parents, therapists);
      } else {
        assertFailure(ticket(user, others), 404, "NOT_FOUND");
        assertThat(ids(allTickets(user))).doesNotContain(others);
      }
    }

    private void markResolved(DemoUsers.User user, boolean allowed) {
      String id = create(owner(user), THERAPY);
      if (user == null) {
        assertFailure(
            api.post(
                null,
                "/api/communication/mark-ticket-resolved",
                "{\"input\": {\"ticket_ids\": [" + quote(id) + "]}}"),
            401,
            "UNAUTHENTICATED");
      } else if (allowed) {
        Reply r = resolve(user, id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body().path("success").asString()).isEqualTo("SUCCESS");
        assertThat(r.body().path("message").asString()).isEqualTo("Tickets resolved successfully");
        assertThat(r.data().path(id).asString()).isEqualTo("RESOLVED");
      } else {
        // Their own ticket: visible, so the refusal is access denied rather than not found.
        Reply r = resolve(user, id);
        assertFailure(r, 403, "ACCESS_DENIED");
        assertThat(r.data().path(id).asString()).isEqualTo("NOT_ALLOWED");
      }
      String status = ticket(ADMIN, id).data().path("status").asString();
      assertThat(status).isEqualTo(allowed ? "RESOLVED" : "PENDING");
    }

    private void addNotes(DemoUsers.User user, boolean allowed) {
      String id = create(owner(user), THERAPY);
      Reply r =
          note(user == null ? null : user.id(), id, "We have rebooked your session for Thursday.");
      if (user == null) {
        // A note whose event names nobody: no fallback is configured, so it is refused.
        assertInvalid(r, "event.session_variables.x-hasura-user-id");
      } else if (allowed) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.data().path("author_id").asString()).isEqualTo(user.id());
      } else {
        assertFailure(r, 403, "ACCESS_DENIED");
      }
      int notes = ticket(ADMIN, id).data().path("notes").size();
      assertThat(notes).isEqualTo(allowed ? 1 : 0);
    }

    private void deleteTickets(DemoUsers.User user, boolean allowed) {
      String id = create(owner(user), THERAPY);
      String path = "/api/communication/support/tickets/" + id;
      if (user == null) {
        assertFailure(api.delete(null, path), 401, "UNAUTHENTICATED");
      } else if (allowed) {
        Reply r = api.delete(token(user), path);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertFailure(ticket(ADMIN, id), 404, "NOT_FOUND");
        assertThat(ids(allTickets(PARENT))).doesNotContain(id);
        return;
      } else {
        assertFailure(api.delete(token(user), path), 403, "ACCESS_DENIED");
      }
      assertThat(ticket(ADMIN, id).status()).isEqualTo(200);
    }
  }

  // ================================================================== lifecycles and notifications

  /** Creation, note, resolution: each with its push (the in-app feed) and its e-mail, as the module lists them. */
  abstract class Lifecycles {

    @org.junit.jupiter.api.Test
    void aNewTicketNotifiesEveryAdminByPushAndEmail() throws Exception {
      Reply r = action(PARENT, THERAPY, "  The therapist did not join the video call.  ");
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      String id = r.body().path("id").asString();
      assertThat(r.body().path("subject_id").asString()).isEqualTo(THERAPY);
      assertThat(r.body().path("description").asString())
          .isEqualTo("The therapist did not join the video call.");
      assertThat(r.body().path("created_at").asString()).isNotBlank();
      assertThat(r.body().propertyNames())
          .containsExactly("id", "subject_id", "description", "status", "created_at");

      for (DemoUsers.User admin : List.of(ADMIN, ADMIN_2)) {
        JsonNode push = awaitFeed(admin, id, "New Support Ticket");
        assertThat(push.path("description").asString())
            .isEqualTo("Priya Parent opened a support ticket: Therapy sessions");
        MimeMessage mail = awaitMail(admin.email(), "ticket-created", id);
        assertThat(mail.getSubject()).isEqualTo("New Support Ticket: Therapy sessions");
      }
      deliverDue();
      assertThat(feedAbout(PARENT, id)).isEmpty();
      assertThat(mails(PARENT.email(), id)).isEmpty();
      // The title the library derived is the subject's label.
      assertThat(ticket(ADMIN, id).data().path("subject_label").asString())
          .isEqualTo("Therapy sessions");
    }

    @org.junit.jupiter.api.Test
    void aNoteNotifiesTheOwnerByPushAndEmailWithTheNoteOnceHoweverOftenHasuraDelivers()
        throws Exception {
      String id = create(THERAPIST, PAYMENTS);
      String noteId = UUID.randomUUID().toString();
      String event = notePayload(ADMIN.id(), id, noteId, "Your refund was sent today.");

      Reply first = api.hasura(CommunicationController.ADD_NOTE_PATH, event);
      assertThat(first.status()).as("%s", first).isEqualTo(200);
      assertThat(first.body().path("success").asString()).isEqualTo("SUCCESS");
      assertThat(first.body().path("message").asString()).isEqualTo("Note added successfully");
      Reply again = api.hasura(CommunicationController.ADD_NOTE_PATH, event);
      assertThat(again.status()).as("%s", again).isEqualTo(200);
      assertThat(again.data().path("comment_id").asString())
          .isEqualTo(first.data().path("comment_id").asString());

      JsonNode push = awaitFeed(THERAPIST, id, "New Note Added");
      assertThat(push.path("description").asString())
          .isEqualTo("A new note has been added to your support ticket.");
      MimeMessage mail = awaitMail(THERAPIST.email(), "note-added", id);
      assertThat(text(mail)).contains("Your refund was sent today.");

      JsonNode details = ticket(THERAPIST, id).data();
      assertThat(details.path("notes")).hasSize(1);
      assertThat(details.path("notes").get(0).path("description").asString())
          .isEqualTo("Your refund was sent today.");
      assertThat(details.path("notes").get(0).path("author").path("id").asString())
          .isEqualTo(ADMIN.id());
      assertThat(details.path("notes").get(0).path("created_at").asString())
          .isEqualTo("2026-01-05T10:00:00.123456Z");

      deliverDue();
      assertThat(feedAbout(THERAPIST, id))
          .filteredOn(n -> n.path("subject").asString().equals("New Note Added"))
          .hasSize(1);
      assertThat(mails(THERAPIST.email(), id)).hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void anAdminsResolutionNotifiesTheOwnerByPushAndEmail() throws Exception {
      String id = create(PARENT, THERAPY);
      Reply r = resolve(ADMIN, id);
      assertThat(r.status()).as("%s", r).isEqualTo(200);

      JsonNode push = awaitFeed(PARENT, id, "Support Ticket Resolved");
      assertThat(push.path("description").asString())
          .isEqualTo("Your support ticket has been resolved by admin.");
      MimeMessage mail = awaitMail(PARENT.email(), "support-ticket-resolved", id);
      assertThat(mail.getSubject()).isEqualTo("Support Ticket Resolved: Therapy sessions");

      JsonNode details = ticket(PARENT, id).data();
      assertThat(details.path("status").asString()).isEqualTo("RESOLVED");
      assertThat(details.path("resolved_at").asString()).isNotBlank();
      // Again: already resolved, nothing new to tell.
      Reply again = resolve(ADMIN, id);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.data().path(id).asString()).isEqualTo("ALREADY_RESOLVED");
      deliverDue();
      assertThat(feedAbout(PARENT, id))
          .filteredOn(n -> n.path("subject").asString().equals("Support Ticket Resolved"))
          .hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void aRefusedResolutionNotifiesNobody() {
      String id = create(PARENT, THERAPY);
      assertFailure(resolve(PARENT, id), 403, "ACCESS_DENIED");
      deliverDue();
      assertThat(feedAbout(PARENT, id)).isEmpty();
      assertThat(mails(PARENT.email(), id)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void bulkResolutionResolvesEachTicketOnItsOwn() {
      String mine = create(PARENT, THERAPY);
      String theirs = create(PARENT_2, THERAPY);
      Reply r = resolve(ADMIN, mine, theirs, mine);
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.data().propertyNames()).containsExactly(mine, theirs);
      awaitFeed(PARENT, mine, "Support Ticket Resolved");
      awaitFeed(PARENT_2, theirs, "Support Ticket Resolved");
    }

    @org.junit.jupiter.api.Test
    void theFeedPagesByKeysetNewestFirst() {
      String a = create(THERAPIST, THERAPY);
      note(ADMIN.id(), a, "One");
      note(ADMIN.id(), a, "Two");
      resolve(ADMIN, a);
      await("three notifications", () -> feedAbout(THERAPIST, a).size() >= 3 ? true : null);
      deliverDue();

      List<String> seen = new ArrayList<>();
      String after = null;
      do {
        Reply page =
            api.get(
                token(THERAPIST),
                "/api/communication/notifications?first=2"
                    + (after == null ? "" : "&after=" + after));
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.data().path("notifications").size()).isLessThanOrEqualTo(2);
        page.data().path("notifications").forEach(n -> seen.add(n.path("id").asString()));
        after =
            page.data().path("page_info").path("has_next_page").asBoolean()
                ? page.data().path("page_info").path("end_cursor").asString()
                : null;
      } while (after != null);
      assertThat(seen).doesNotHaveDuplicates().containsAll(ids(feedAbout(THERAPIST, a)));
      // Whatever arrived since the walk began stands before it: the walk is the feed's tail.
      List<String> now = ids(feed(THERAPIST));
      assertThat(now.subList(now.size() - seen.size(), now.size())).containsExactlyElementsOf(seen);
      List<Instant> times =
          feed(THERAPIST).stream()
              .map(n -> Instant.parse(n.path("created_at").asString()))
              .toList();
      assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @org.junit.jupiter.api.Test
    void subjectsAreTheActiveRowsOfTheSubjectTable() {
      for (DemoUsers.User user : List.of(PARENT, THERAPIST, ADMIN)) {
        Reply r = api.get(token(user), "/api/communication/support/subjects");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(
                StreamSupport.stream(r.data().path("subjects").spliterator(), false)
                    .map(s -> s.path("label").asString())
                    .toList())
            .containsExactly(
                "Therapy sessions", "Payments and billing", "App and account", "Progress reports");
      }
      assertFailure(api.get(null, "/api/communication/support/subjects"), 401, "UNAUTHENTICATED");
    }
  }

  // ================================================================== isolation

  /** One parent never sees, resolves or deletes another's ticket, nor hears about it. */
  abstract class Isolation {

    @org.junit.jupiter.api.Test
    void anotherParentsTicketDoesNotExistForAParent() {
      String id = create(PARENT, THERAPY);
      note(ADMIN.id(), id, "We are on it.");

      assertFailure(ticket(PARENT_2, id), 404, "NOT_FOUND");
      assertThat(ids(allTickets(PARENT_2))).doesNotContain(id);
      Reply r = resolve(PARENT_2, id);
      assertFailure(r, 404, "NOT_FOUND");
      assertThat(r.data().path(id).asString()).isEqualTo("NOT_FOUND");
      assertFailure(
          api.delete(token(PARENT_2), "/api/communication/support/tickets/" + id),
          404,
          "NOT_FOUND");
      assertFailure(ticket(THERAPIST, id), 404, "NOT_FOUND");

      awaitFeed(PARENT, id, "New Note Added");
      deliverDue();
      assertThat(feedAbout(PARENT_2, id)).isEmpty();
      assertThat(mails(PARENT_2.email(), id)).isEmpty();
      JsonNode still = ticket(PARENT, id).data();
      assertThat(still.path("status").asString()).isEqualTo("PENDING");
    }

    @org.junit.jupiter.api.Test
    void aBulkResolveOfAMixOnlyTouchesWhatTheCallerMay() {
      String own = create(PARENT, THERAPY);
      String other = create(PARENT_2, THERAPY);
      Reply r = resolve(PARENT, own, other);
      assertFailure(r, 403, "ACCESS_DENIED");
      assertThat(r.data().path(own).asString()).isEqualTo("NOT_ALLOWED");
      assertThat(r.data().path(other).asString()).isEqualTo("NOT_FOUND");
      assertThat(ticket(ADMIN, other).data().path("status").asString()).isEqualTo("PENDING");
    }

    @org.junit.jupiter.api.Test
    void aTokenForOneParentCannotBeTurnedIntoAnother() {
      // The action trusts Hasura's session, but only for a role the user really has.
      Reply r =
          api.hasura(
              CreateTicketAction.PATH,
              actionPayload(PARENT.id(), "ADMIN", THERAPY, "I am admin now"));
      assertActionError(r, 403, "ACCESS_DENIED");
    }
  }

  // ================================================================== bad input

  /** Bad input to every endpoint: the module's envelope (or the action's shape) with a code and the request's field. */
  abstract class BadInput {

    @org.junit.jupiter.api.Test
    void login() {
      assertInvalid(api.post(null, "/api/auth/login", "{}"), "email", "password");
      assertInvalid(
          api.post(
              null,
              "/api/auth/login",
              "{\"email\": \"parent@comdeall.test\", \"password\": \"  \"}"),
          "password");
      assertInvalid(api.post(null, "/api/auth/login", "{\"email\": "), "body");
      assertFailure(
          api.post(
              null,
              "/api/auth/login",
              "{\"email\": \"parent@comdeall.test\", \"password\": \"nope\"}"),
          401,
          "INVALID_CREDENTIALS");
      assertFailure(
          api.post(
              null,
              "/api/auth/login",
              "{\"email\": \"nobody@comdeall.test\", \"password\": \"demo\"}"),
          401,
          "INVALID_CREDENTIALS");
    }

    @org.junit.jupiter.api.Test
    void markTicketResolved() {
      String t = token(ADMIN);
      String path = "/api/communication/mark-ticket-resolved";
      assertInvalid(api.post(t, path, "{}"), "input.ticket_ids");
      assertInvalid(api.post(t, path, "{\"input\": {}}"), "input.ticket_ids");
      assertInvalid(api.post(t, path, "{\"input\": {\"ticket_ids\": []}}"), "input.ticket_ids");
      assertInvalid(
          api.post(
              t, path, "{\"input\": {\"ticket_ids\": [\"" + UUID.randomUUID() + "\", \"a b\"]}}"),
          "input.ticket_ids[1]");
      assertInvalid(
          api.post(t, path, "{\"input\": {\"ticket_ids\": {\"id\": 1}}}"), "input.ticket_ids");
      assertInvalid(api.post(t, path, "not json"), "body");
      assertFailure(
          api.post(t, path, "{\"input\": {\"ticket_ids\": [\"" + UUID.randomUUID() + "\"]}}"),
          404,
          "NOT_FOUND");
    }

    @org.junit.jupiter.api.Test
    void addNote() {
      String id = create(PARENT, THERAPY);
      String path = CommunicationController.ADD_NOTE_PATH;
      assertInvalid(api.hasura(path, "{}"), "event.data.new");
      assertInvalid(api.hasura(path, "{\"event\": {\"data\": {\"new\": null}}}"), "event.data.new");
      assertInvalid(
          api.hasura(path, notePayload(ADMIN.id(), id, UUID.randomUUID().toString(), "   ")),
          "event.data.new.description");
      assertInvalid(
          api.hasura(
              path, notePayload(ADMIN.id(), "not a ticket id", UUID.randomUUID().toString(), "Hi")),
          "event.data.new.support_id");
      assertInvalid(
          api.hasura(path, notePayload(ADMIN.id(), id, "bad id!", "Hi")), "event.data.new.id");
      assertInvalid(
          api.hasura(
              path,
              notePayload(ADMIN.id(), id, UUID.randomUUID().toString(), "Hi")
                  .replace("2026-01-05T10:00:00.123456+00:00", "yesterday")),
          "event.data.new.created_at");
      assertInvalid(
          api.hasura(path, notePayload(null, id, UUID.randomUUID().toString(), "Hi")),
          "event.session_variables.x-hasura-user-id");
      assertInvalid(
          api.hasura(path, notePayload("not an id!", id, UUID.randomUUID().toString(), "Hi")),
          "event.session_variables.x-hasura-user-id");
      assertFailure(
          api.hasura(
              path,
              notePayload(UUID.randomUUID().toString(), id, UUID.randomUUID().toString(), "Hi")),
          403,
          "ACCESS_DENIED");
      assertFailure(
          api.hasura(
              path,
              notePayload(
                  ADMIN.id(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Hi")),
          404,
          "NOT_FOUND");
      assertInvalid(api.hasura(path, "{\"event\": "), "body");
      assertThat(ticket(ADMIN, id).data().path("notes")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void createTicketAction() {
      String path = CreateTicketAction.PATH;
      assertActionError(
          api.hasura(path, actionPayload(PARENT.id(), "PARENT", "", "Help")),
          400,
          "VALIDATION",
          "input.input_subject_id");
      assertActionError(
          api.hasura(path, actionPayload(PARENT.id(), "PARENT", "therapy", "Help")),
          400,
          "VALIDATION",
          "input.input_subject_id");
      assertActionError(
          api.hasura(
              path, actionPayload(PARENT.id(), "PARENT", UUID.randomUUID().toString(), "Help")),
          400,
          "VALIDATION",
          "input.input_subject_id");
      Reply inactive = api.hasura(path, actionPayload(PARENT.id(), "PARENT", LEGACY, "Help"));
      assertActionError(inactive, 400, "VALIDATION", "input.input_subject_id");
      assertThat(
              inactive.body().path("extensions").path("errors").get(0).path("message").asString())
          .isEqualTo("is not an active subject");
      assertActionError(
          api.hasura(path, actionPayload(PARENT.id(), "PARENT", THERAPY, "  \n ")),
          400,
          "VALIDATION",
          "input.input_description");
      assertActionError(
          api.hasura(path, actionPayload(PARENT.id(), "PARENT", "x y", " ")),
          400,
          "VALIDATION",
          "input.input_subject_id",
          "input.input_description");
      assertActionError(
          api.hasura(path, actionPayload(PARENT.id(), "PARENT", THERAPY, "x".repeat(10_001))),
          400,
          "VALIDATION",
          "input.input_description");
      assertActionError(
          api.hasura(path, actionPayload(UUID.randomUUID().toString(), "PARENT", THERAPY, "Help")),
          400,
          "VALIDATION",
          "session_variables.x-hasura-user-id");
      assertActionError(
          api.hasura(path, actionPayload("", "PARENT", THERAPY, "Help")),
          400,
          "VALIDATION",
          "session_variables.x-hasura-user-id");
      assertActionError(
          api.hasura(
              path,
              actionPayload(PARENT.id(), "PARENT", THERAPY, "Help")
                  .replace("create_support_ticket\"}", "delete_everything\"}")),
          400,
          "VALIDATION",
          "action.name");
      assertActionError(api.hasura(path, "{\"action\": "), 400, "VALIDATION", "body");
    }

    @org.junit.jupiter.api.Test
    void reads() {
      String t = token(PARENT);
      assertInvalid(api.get(t, "/api/communication/support/tickets?first=0"), "first");
      assertInvalid(api.get(t, "/api/communication/support/tickets?first=101"), "first");
      assertInvalid(api.get(t, "/api/communication/support/tickets?first=ten"), "first");
      assertInvalid(api.get(t, "/api/communication/support/tickets?after=not-a-cursor"), "after");
      assertInvalid(api.get(t, "/api/communication/support/tickets/not%20an%20id"), "id");
      assertInvalid(
          api.delete(token(ADMIN), "/api/communication/support/tickets/not%20an%20id"), "id");
      assertInvalid(api.get(t, "/api/communication/notifications?first=0"), "first");
      assertInvalid(api.get(t, "/api/communication/notifications?first=lots"), "first");
      assertInvalid(api.get(t, "/api/communication/notifications?after=xyz"), "after");
      assertFailure(
          api.get(t, "/api/communication/support/tickets/" + UUID.randomUUID()), 404, "NOT_FOUND");
    }
  }

  // ================================================================== the doors

  /** Tokens, the webhook secret and request sizes, checked before any body is read. */
  abstract class Doors {

    @org.junit.jupiter.api.Test
    void tokensCarryHasuraClaimsAndOnlyGoodOnesOpen() throws Exception {
      String token = token(PARENT);
      String[] parts = token.split("\\.");
      JsonNode claims =
          ComdeallClient.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
      JsonNode hasura = claims.path("https://hasura.io/jwt/claims");
      assertThat(hasura.path("x-hasura-user-id").asString()).isEqualTo(PARENT.id());
      assertThat(hasura.path("x-hasura-default-role").asString()).isEqualTo("PARENT");
      assertThat(hasura.path("x-hasura-allowed-roles").get(0).asString()).isEqualTo("PARENT");

      String tampered =
          parts[0]
              + "."
              + java.util.Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      ComdeallClient.JSON.writeValueAsBytes(
                          ((tools.jackson.databind.node.ObjectNode) claims).put("sub", ADMIN.id())))
              + "."
              + parts[2];
      for (String bad :
          List.of(
              "garbage",
              tampered,
              TokensForTests.signedWith(
                  "another-key-of-more-than-thirty-two-bytes", PARENT, Duration.ofHours(1), true),
              TokensForTests.signedWith(JWT_SECRET, PARENT, Duration.ofHours(-1), true),
              TokensForTests.signedWith(JWT_SECRET, PARENT, Duration.ofHours(1), false))) {
        assertFailure(api.get(bad, "/api/communication/support/tickets"), 401, "UNAUTHENTICATED");
      }
      assertThat(
              api.get(
                      TokensForTests.signedWith(JWT_SECRET, PARENT, Duration.ofHours(1), true),
                      "/api/communication/support/tickets")
                  .status())
          .isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void hasurasCallsNeedTheSecretBeforeAnythingIsRead() {
      String id = create(PARENT, THERAPY);
      String note = notePayload(ADMIN.id(), id, UUID.randomUUID().toString(), "Sneaky");
      for (String path : List.of(CommunicationController.ADD_NOTE_PATH, CreateTicketAction.PATH)) {
        String body =
            path.equals(CreateTicketAction.PATH)
                ? actionPayload(PARENT.id(), "PARENT", THERAPY, "x")
                : note;
        for (String secret :
            java.util.Arrays.asList(
                null,
                "",
                "wrong",
                ComdeallClient.SECRET.toUpperCase(java.util.Locale.ROOT),
                ComdeallClient.SECRET + "x")) {
          Reply r = api.hasura(path, body, secret);
          assertThat(r.status()).as("%s with secret '%s': %s", path, secret, r).isEqualTo(401);
        }
        // Not JSON, and too large: still 401, since the body was never read.
        assertThat(api.hasura(path, "{{{", "wrong").status()).isEqualTo(401);
        assertThat(api.hasura(path, "[" + "1,".repeat(100_000) + "1]", "wrong").status())
            .isEqualTo(401);
        // A bearer token is no way in either.
        assertThat(api.post(token(ADMIN), path, body).status()).isEqualTo(401);
      }
      Reply action =
          api.hasura(
              CreateTicketAction.PATH, actionPayload(PARENT.id(), "PARENT", THERAPY, "x"), "wrong");
      assertThat(action.body().path("extensions").path("code").asString())
          .isEqualTo("UNAUTHENTICATED");
      assertFailure(
          api.hasura(CommunicationController.ADD_NOTE_PATH, note, null), 401, "UNAUTHENTICATED");
      assertThat(ticket(ADMIN, id).data().path("notes")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void bodiesOverTheLimitAreRefusedWhetherTheirLengthIsDeclaredOrNot() {
      String big = "{\"input\": {\"ticket_ids\": [" + "\"x\",".repeat(30_000) + "\"x\"]}}";
      assertFailure(
          api.post(token(ADMIN), "/api/communication/mark-ticket-resolved", big),
          413,
          "PAYLOAD_TOO_LARGE");
      assertFailure(
          api.postChunked(
              token(ADMIN),
              "/api/communication/mark-ticket-resolved",
              big.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              java.util.Map.of()),
          413,
          "PAYLOAD_TOO_LARGE");
      String note =
          notePayload(
              ADMIN.id(),
              create(PARENT, THERAPY),
              UUID.randomUUID().toString(),
              "y".repeat(70_000));
      assertFailure(
          api.postChunked(
              null,
              CommunicationController.ADD_NOTE_PATH,
              note.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              java.util.Map.of("X-Hasura-Webhook-Secret", ComdeallClient.SECRET)),
          413,
          "PAYLOAD_TOO_LARGE");
      Reply action =
          api.hasura(
              CreateTicketAction.PATH,
              actionPayload(PARENT.id(), "PARENT", THERAPY, "z".repeat(70_000)));
      assertThat(action.status()).isEqualTo(413);
      assertThat(action.body().path("extensions").path("code").asString())
          .isEqualTo("PAYLOAD_TOO_LARGE");
    }
  }
}
