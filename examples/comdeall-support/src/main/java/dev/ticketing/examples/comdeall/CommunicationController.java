package dev.ticketing.examples.comdeall;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.CommentView;
import dev.ticketing.ErrorCode;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketingException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.spring.autoconfigure.ExternalNoteAuthors;
import dev.ticketing.spring.security.ActorResolver;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module's endpoints under {@code /api/communication} on the library's {@link TicketService}:
 * bulk resolve and the note event as the module documents them, and the reads its clients made
 * through Hasura (subjects, tickets with keyset pages, one ticket with its notes, delete, the in-app
 * feed). Every call runs as the signed-in user ({@link ActorResolver}); the library's policy decides
 * what that user may do, and answers a ticket the user may not see as not found.
 */
@RestController
@RequestMapping("/api/communication")
class CommunicationController {
  static final String ADD_NOTE_PATH = "/api/communication/support/add-note";

  private final TicketService tickets;
  private final ActorResolver actors;
  private final ExternalNoteAuthors authors;
  private final InAppFeed feed;

  CommunicationController(
      TicketService tickets, ActorResolver actors, ExternalNoteAuthors authors, InAppFeed feed) {
    this.tickets = tickets;
    this.actors = actors;
    this.authors = authors;
    this.feed = feed;
  }

  /** Runs a library call, answering its refusals with the request's field names. */
  static <T> T call(Map<String, String> fieldNames, Supplier<T> work) {
    try {
      return work.get();
    } catch (TicketingException e) {
      throw Failure.of(e, Failure.names(fieldNames)).refused();
    }
  }

  // ---- POST /api/communication/mark-ticket-resolved

  /** {@code {"input":{"ticket_ids":[...]}}}. */
  record MarkResolvedRequest(@Nullable MarkResolvedInput input) {}

  record MarkResolvedInput(@JsonProperty("ticket_ids") @Nullable List<String> ticketIds) {}

  /**
   * Resolves each ticket on its own. All resolved (or already resolved): 200 and the module's
   * success envelope. Otherwise a failure envelope, 403 when one was refused and 404 when the
   * others were not found (a ticket of someone else is not found), with every ticket's outcome in
   * {@code data} either way, since the others did change.
   */
  @PostMapping("/mark-ticket-resolved")
  ResponseEntity<Map<String, Object>> markTicketResolved(@RequestBody MarkResolvedRequest request) {
    List<String> ids = request.input() == null ? null : request.input().ticketIds();
    if (ids == null) {
      throw Failure.invalid("input.ticket_ids", "is required").refused();
    }
    Actor actor = actors.currentActor();
    Map<String, ResolveOutcome> outcomes =
        call(Map.of("ticketIds", "input.ticket_ids"), () -> tickets.resolveTickets(actor, ids));
    boolean allDone =
        outcomes.values().stream()
            .allMatch(o -> o == ResolveOutcome.RESOLVED || o == ResolveOutcome.ALREADY_RESOLVED);
    if (allDone) {
      return ResponseEntity.ok(TicketJson.envelope("Tickets resolved successfully", outcomes));
    }
    boolean refused = outcomes.containsValue(ResolveOutcome.NOT_ALLOWED);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "FAILURE");
    body.put("message", "Some tickets could not be resolved");
    body.put("code", refused ? ErrorCode.ACCESS_DENIED.name() : ErrorCode.NOT_FOUND.name());
    body.put("data", outcomes);
    return ResponseEntity.status(refused ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND).body(body);
  }

  // ---- POST /api/communication/support/add-note (Hasura event trigger on the notes table)

  /** The parts of Hasura's event payload the note needs: who inserted it, and the inserted row. */
  record HasuraEvent(@Nullable Event event) {
    record Event(
        @JsonProperty("session_variables") @Nullable Map<String, Object> sessionVariables,
        @Nullable Data data) {}

    record Data(@JsonProperty("new") @Nullable NoteRow newRow) {}
  }

  /** The inserted row of the module's notes table. */
  record NoteRow(
      @Nullable String id,
      @JsonProperty("support_id") @Nullable String supportId,
      @Nullable String description,
      @JsonProperty("created_at") @Nullable String createdAt) {}

  private static final Map<String, String> NOTE_FIELDS =
      Map.of(
          "externalId",
          "event.data.new.id",
          "ticketId",
          "event.data.new.support_id",
          "content",
          "event.data.new.description",
          "createdAt",
          "event.data.new.created_at",
          "note",
          "event.data.new",
          ExternalNoteAuthors.FIELD,
          "event.session_variables.x-hasura-user-id");

  @PostMapping("/support/add-note")
  Map<String, Object> addNote(@RequestBody HasuraEvent payload) {
    HasuraEvent.Event event = payload.event();
    NoteRow row = event == null || event.data() == null ? null : event.data().newRow();
    if (row == null) {
      throw Failure.invalid("event.data.new", "is required").refused();
    }
    Object author =
        event.sessionVariables() == null ? null : event.sessionVariables().get("x-hasura-user-id");
    if (author != null && !(author instanceof String)) {
      throw Failure.invalid("event.session_variables.x-hasura-user-id", "must be a string")
          .refused();
    }
    Instant createdAt = createdAt(row.createdAt());
    // Idempotent on the note's id: Hasura redelivers (10 retries) and the note is recorded and
    // notified once.
    CommentView note =
        call(
            NOTE_FIELDS,
            () ->
                tickets.recordExternalNote(
                    authors.authorOf((String) author),
                    new ExternalNote(
                        row.id(), row.supportId(), row.description(), createdAt, false)));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("note_id", row.id());
    data.put("ticket_id", note.ticketId());
    data.put("comment_id", note.id());
    data.put("author_id", note.user().id());
    return TicketJson.envelope("Note added successfully", data);
  }

  /** Hasura sends {@code timestamptz} with an offset and {@code timestamp} without one (taken as UTC). */
  private static @Nullable Instant createdAt(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw Failure.invalid("event.data.new.created_at", "is not an ISO-8601 date-time")
            .refused();
      }
    }
  }

  // ---- reads

  @GetMapping("/support/subjects")
  Map<String, Object> subjects() {
    actors.currentActor();
    List<Map<String, Object>> subjects =
        tickets.subjects().stream()
            .map(s -> Map.<String, Object>of("id", s.id(), "label", s.label()))
            .toList();
    return TicketJson.envelope("Subjects fetched successfully", Map.of("subjects", subjects));
  }

  /** Parents and therapists get their own tickets, admins every ticket; newest first, keyset pages. */
  @GetMapping("/support/tickets")
  Map<String, Object> tickets(
      @RequestParam(required = false) @Nullable Integer first,
      @RequestParam(required = false) @Nullable String after) {
    Actor actor = actors.currentActor();
    PageRequest page =
        new PageRequest(first == null ? PageRequest.DEFAULT_SIZE : first, after, false);
    TicketPage result =
        call(Map.of(), () -> tickets.ticketsPaginated(actor, page, TicketFilter.none()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tickets", result.nodes().stream().map(TicketJson::ticket).toList());
    data.put(
        "page_info",
        TicketJson.pageInfo(result.pageInfo().endCursor(), result.pageInfo().hasNextPage()));
    return TicketJson.envelope("Tickets fetched successfully", data);
  }

  @GetMapping("/support/tickets/{id}")
  Map<String, Object> ticket(@PathVariable String id) {
    Actor actor = actors.currentActor();
    return TicketJson.envelope(
        "Ticket fetched successfully",
        TicketJson.details(call(Map.of(), () -> tickets.ticket(actor, id))));
  }

  @DeleteMapping("/support/tickets/{id}")
  Map<String, Object> delete(@PathVariable String id) {
    Actor actor = actors.currentActor();
    var deleted = call(Map.of(), () -> tickets.deleteTicket(actor, id));
    return TicketJson.envelope("Ticket deleted successfully", Map.of("id", deleted.id()));
  }

  /** The signed-in user's in-app notifications, newest first, keyset pages. */
  @GetMapping("/notifications")
  Map<String, Object> notifications(
      @RequestParam(required = false) @Nullable Integer first,
      @RequestParam(required = false) @Nullable String after) {
    Actor actor = actors.currentActor();
    int size = first == null ? PageRequest.DEFAULT_SIZE : first;
    List<Violation> problems = new java.util.ArrayList<>();
    if (size < 1 || size > 100) {
      problems.add(new Violation("first", "must be between 1 and 100"));
    }
    InAppFeed.Cursor cursor = after == null ? null : InAppFeed.Cursor.decode(after);
    if (after != null && cursor == null) {
      problems.add(new Violation("after", "is not a cursor of this feed"));
    }
    if (!problems.isEmpty()) {
      throw new Failure(
              HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION.name(), "invalid input", problems)
          .refused();
    }
    InAppFeed.Page page = feed.page(actor.id(), size, cursor);
    List<Map<String, Object>> entries =
        page.entries().stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", e.id());
                  m.put("subject", e.subject());
                  m.put("description", e.description());
                  m.put("ticket_id", e.ticketId());
                  m.put("type", e.template());
                  m.put("created_at", e.createdAt().toString());
                  return m;
                })
            .toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("notifications", entries);
    data.put("page_info", TicketJson.pageInfo(page.endCursor(), page.hasNextPage()));
    return TicketJson.envelope("Notifications fetched successfully", data);
  }
}
