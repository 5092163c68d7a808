package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.CreateTicket;
import dev.ticketing.TicketService;
import dev.ticketing.policy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live events at {@code GET /api/live} over real HTTP: who hears of which change (agents of
 * each other's work, customers of their own tickets only, never of internal notes), the answers
 * without a login and beyond the limits, keep-alive lines, and resuming with {@code
 * Last-Event-ID}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "desk.limits.login.bcrypt-strength=4",
      "desk.limits.writes.capacity=100000",
      // Short keep-alives: the tests see them, and closed clients are noticed quickly.
      "desk.live.keep-alive=300ms",
      "desk.live.max-connections-per-user=2",
      "desk.live.max-connections=6"
    })
@Import(DeskTestConfiguration.class)
@DisplayName("live updates (Server-Sent Events) on H2")
class LiveUpdatesH2IT {
  static final String JOHN = "john@acme.com";
  static final String ALICE = "alice@acme.com";
  static final String JANE = "jane@globex.com";
  static final String SARAH = "sarah@support.com";
  static final String MIKE = "mike@support.com";
  static final String ADMIN = "admin@support.com";
  static final String ROOT = "root@support.com";

  @LocalServerPort int port;
  @Autowired LiveHub hub;
  @Autowired TicketService tickets;
  @Autowired PlatformTransactionManager transactions;
  DeskClient desk;
  final List<EventStreamClient> open = new ArrayList<>();

  @BeforeEach
  void client() {
    desk = new DeskClient(port);
  }

  @AfterEach
  void closeStreams() {
    open.forEach(EventStreamClient::close);
    open.clear();
    awaitConnections(0);
  }

  /** A stream of {@code login}'s that the hub has registered (it said so in its first line). */
  private EventStreamClient subscribe(String login, Map<String, String> headers) {
    EventStreamClient stream = EventStreamClient.open(port, login, headers);
    open.add(stream);
    assertThat(stream.status()).as("status of %s's stream", login).isEqualTo(200);
    stream.awaitComment("connected");
    return stream;
  }

  private EventStreamClient subscribe(String login) {
    return subscribe(login, Map.of());
  }

  private void awaitConnections(int expected) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (hub.connections() != expected) {
      assertThat(Instant.now()).as("open streams: %s", hub.connections()).isBefore(deadline);
      sleep(20);
    }
  }

  private String createTicket(String login, String company) {
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

  private void comment(String login, String ticketId, boolean internal) {
    desk.data(
        login,
        """
        mutation { addTicketComment(addCommentInput: {
          ticketId: "%s", content: "Looking into it", isInternal: %s }) { id } }
        """
            .formatted(ticketId, internal));
  }

  private void status(String login, String ticketId, String status) {
    desk.data(
        login,
        "mutation { updateTicketStatus(updateTicketStatusInput: { ticketId: \"%s\", status: %s }) { id } }"
            .formatted(ticketId, status));
  }

  private void assign(String ticketId, String assignee) {
    desk.data(
        ADMIN,
        "mutation { assignTicket(assignTicketInput: { ticketId: \"%s\", assignedToId: \"%s\" }) { id } }"
            .formatted(ticketId, assignee));
  }

  @Test
  @DisplayName(
      "staff see each other's changes on the tickets they may view, as ids and kinds without content")
  void staffSeeEachOther() {
    EventStreamClient admin = subscribe(ADMIN);
    EventStreamClient sarah = subscribe(SARAH);
    EventStreamClient mike = subscribe(MIKE);
    assertThat(sarah.response().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

    String ticket = createTicket(JOHN, "acme");
    EventStreamClient.Event created = admin.await(ticket, "created");
    // Agents work the tickets assigned to them: Sarah hears of it once it is hers.
    assign(ticket, "sarah");
    sarah.await(ticket, "assigned");

    comment(SARAH, ticket, false);
    EventStreamClient.Event seen = admin.await(ticket, "commented");
    status(ADMIN, ticket, "WAITING_FOR_CUSTOMER");
    EventStreamClient.Event statusEvent =
        sarah.await(e -> e.number() > seen.number() && e.kind().equals("status"));

    // Reassigned: Mike hears of it, and so does Sarah, whose queue must drop it.
    assign(ticket, "mike");
    mike.await(ticket, "assigned");
    sarah.await(e -> e.number() > statusEvent.number() && e.kind().equals("assigned"));
    comment(MIKE, ticket, false);
    admin.await(
        e ->
            e.number() > statusEvent.number()
                && e.ticketId().equals(ticket)
                && e.kind().equals("commented"));
    assertThat(mike.about(ticket))
        .extracting(EventStreamClient.Event::kind)
        .doesNotContain("created");

    // Ids only: the ticket, the kind, its version and when; never the text.
    assertThat(seen.event()).isEqualTo("ticket");
    assertThat(seen.json().propertyNames()).containsExactly("ticketId", "kind", "version", "at");
    assertThat(seen.data()).doesNotContain("Looking into it", "Printer");
    assertThat(Instant.parse(seen.json().path("at").asString())).isBefore(Instant.now());
    assertThat(statusEvent.json().path("version").asLong())
        .isGreaterThan(created.json().path("version").asLong());
  }

  @Test
  @DisplayName(
      "a customer hears of his own tickets and those he is copied on, never of another company's")
  void customersHearOfTheirTicketsOnly() {
    EventStreamClient john = subscribe(JOHN);
    EventStreamClient alice = subscribe(ALICE);
    EventStreamClient jane = subscribe(JANE);

    String acme = createTicket(JOHN, "acme");
    String globex = createTicket(JANE, "globex");
    john.await(acme, "created");
    jane.await(globex, "created");
    comment(ADMIN, globex, false);
    comment(ADMIN, acme, false);
    john.await(acme, "commented");
    jane.await(globex, "commented");

    // Alice, of John's company, hears of John's ticket once she is copied on it.
    desk.data(
        JOHN,
        """
        mutation { changeTicketParticipants(changeParticipantsInput: {
          ticketId: "%s", addCcs: ["alice"] }) { id } }
        """
            .formatted(acme));
    alice.await(acme, "updated");
    comment(ADMIN, acme, false);
    alice.await(
        e ->
            e.event().equals("ticket")
                && e.ticketId().equals(acme)
                && e.kind().equals("commented"));

    // Jane withdraws her ticket: she hears of it, John does not.
    desk.data(JANE, "mutation { deleteTicket(id: \"%s\") { id } }".formatted(globex));
    jane.await(globex, "deleted");
    comment(ADMIN, acme, false);
    john.await(
        e -> e.ticketId().equals(acme) && e.number() > jane.await(globex, "deleted").number());

    assertThat(john.about(globex)).isEmpty();
    assertThat(jane.about(acme)).isEmpty();
    assertThat(alice.about(globex)).isEmpty();
    // Nothing from before she was copied.
    assertThat(alice.about(acme))
        .extracting(EventStreamClient.Event::kind)
        .doesNotContain("created");
  }

  @Test
  @DisplayName(
      "a customer never hears of an internal note, nor of anything it caused; staff do, as 'note'")
  void customersNeverHearOfNotes() {
    String ticket = createTicket(JOHN, "acme");
    EventStreamClient john = subscribe(JOHN);
    EventStreamClient sarah = subscribe(SARAH);

    assign(ticket, "sarah");
    john.await(ticket, "assigned");
    comment(SARAH, ticket, true);
    EventStreamClient.Event note = sarah.await(ticket, "note");
    // A public reply afterwards: events reach each stream in order, so once John has the reply,
    // he would have had the note before it.
    comment(SARAH, ticket, false);
    EventStreamClient.Event reply = john.await(ticket, "commented");
    sarah.await(ticket, "commented");

    assertThat(reply.number()).isGreaterThan(note.number());
    assertThat(john.about(ticket)).extracting(EventStreamClient.Event::kind).doesNotContain("note");
    // Nothing at all from the note's transaction, whose events are numbered before the reply's.
    assertThat(john.events())
        .noneMatch(e -> e.number() >= note.number() && e.number() < reply.number());
  }

  @Test
  @DisplayName("without a login, or with a wrong password: 401 UNAUTHENTICATED")
  void unauthenticated() {
    try (EventStreamClient anonymous = EventStreamClient.open(port, null)) {
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.error().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }
    try (EventStreamClient wrong =
        EventStreamClient.open(
            port, null, Map.of("Authorization", DeskClient.basic(SARAH, "not-the-password")))) {
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.error().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(hub.connections()).isZero();
  }

  @Test
  @DisplayName(
      "beyond the connections per user and in all: 429 RATE_LIMITED; a closed stream frees its place")
  void limits() {
    subscribe(JOHN);
    EventStreamClient second = subscribe(JOHN);
    try (EventStreamClient third = EventStreamClient.open(port, JOHN)) {
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.error().path("code").asString()).isEqualTo("RATE_LIMITED");
      assertThat(third.error().path("message").asString()).contains("for this user", "2");
      assertThat(third.response().headers().firstValue("Retry-After")).isPresent();
    }

    subscribe(JANE);
    subscribe(JANE);
    subscribe(SARAH);
    subscribe(MIKE); // six in all
    try (EventStreamClient seventh = EventStreamClient.open(port, ADMIN)) {
      assertThat(seventh.status()).isEqualTo(429);
      assertThat(seventh.error().path("code").asString()).isEqualTo("RATE_LIMITED");
      assertThat(seventh.error().path("message").asString()).contains("at most 6");
    }

    // The client goes away: the next keep-alive finds out, and the place is free again.
    second.close();
    awaitConnections(5);
    subscribe(ADMIN);
  }

  @Test
  @DisplayName("idle streams get keep-alive comment lines")
  void keepAlive() {
    EventStreamClient sarah = subscribe(SARAH);
    sarah.awaitComment("keep-alive");
    assertThat(sarah.ended()).isFalse();
  }

  @Test
  @DisplayName(
      "a client that reconnects with Last-Event-ID gets what it missed; one too far behind is told to resync")
  void resume() {
    EventStreamClient first = subscribe(ADMIN);
    String ticket = createTicket(JOHN, "acme");
    EventStreamClient.Event created = first.await(ticket, "created");
    first.close();
    awaitConnections(0);

    comment(JOHN, ticket, false);
    status(ADMIN, ticket, "IN_PROGRESS");
    String other = createTicket(JANE, "globex");

    EventStreamClient resumed = subscribe(ADMIN, Map.of("Last-Event-ID", created.id()));
    resumed.await(other, "created");
    List<String> kinds = new ArrayList<>();
    for (EventStreamClient.Event e : resumed.events()) {
      if (e.ticketId().equals(ticket)) {
        kinds.add(e.kind());
      }
    }
    assertThat(kinds).containsExactly("commented", "status");
    assertThat(resumed.events())
        .extracting(EventStreamClient.Event::id)
        .doesNotContain(created.id());
    assertThat(resumed.events())
        .extracting(EventStreamClient.Event::number)
        .isSorted()
        .allSatisfy(id -> assertThat(id).isGreaterThan(created.number()));

    // John resumes from the same point: he gets his ticket's reply (public), not Jane's ticket.
    EventStreamClient john = subscribe(JOHN, Map.of("Last-Event-ID", created.id()));
    john.await(ticket, "status");
    assertThat(john.about(other)).isEmpty();

    // An id from long ago (or from another run of the desk): refetch everything.
    EventStreamClient stale = subscribe(MIKE, Map.of("Last-Event-ID", "1"));
    stale.await(e -> e.event().equals("resync"));
  }

  @Test
  @DisplayName(
      "only committed changes are told, once committed: a change in a host's transaction waits for"
          + " its commit, one rolled back is never told")
  void committedChangesOnly() {
    EventStreamClient admin = subscribe(ADMIN);
    TransactionTemplate host = new TransactionTemplate(transactions);
    Actor john = Actor.customer("john", "acme");

    String rolledBack =
        host.execute(
            tx -> {
              String id = tickets.createTicket(john, CreateTicket.of("Undone", "x", "acme")).id();
              tx.setRollbackOnly();
              return id;
            });
    String committed =
        host.execute(
            tx -> {
              String id = tickets.createTicket(john, CreateTicket.of("Kept", "x", "acme")).id();
              // Written, not committed: nobody is told yet.
              sleep(500);
              assertThat(admin.about(id)).isEmpty();
              return id;
            });

    admin.await(committed, "created");
    // Events reach a stream in order: the rolled-back ticket would have come first.
    assertThat(admin.about(rolledBack)).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
