package dev.ticketing.examples.desk;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.CommentView;
import dev.ticketing.ExternalNote;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.TicketService;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.spring.ActorResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 001's REST endpoints under {@code /api/communication}, on the library's {@link
 * TicketService}: bulk resolve for signed-in users, and the Hasura event webhook that records notes
 * inserted elsewhere. Errors are answered by {@link RestErrors}.
 */
@RestController
@RequestMapping("/api/communication")
class CommunicationController {
  static final String ADD_NOTE_PATH = "/api/communication/support/add-note";

  private static final Logger log = LoggerFactory.getLogger(CommunicationController.class);

  private final TicketService tickets;
  private final ActorResolver actors;
  private final HasuraProperties hasura;
  private final byte @Nullable [] secretDigest;

  CommunicationController(TicketService tickets, ActorResolver actors, HasuraProperties hasura) {
    this.tickets = tickets;
    this.actors = actors;
    this.hasura = hasura;
    String secret = hasura.webhookSecret();
    this.secretDigest = secret == null || secret.isBlank() ? null : sha256(secret);
    if (secretDigest == null) {
      log.warn("desk.hasura.webhook-secret is not set: {} refuses every request", ADD_NOTE_PATH);
    }
  }

  // ---- POST /api/communication/mark-ticket-resolved

  /** {@code {"input":{"ticket_ids":[...]}}}. */
  record MarkResolvedRequest(@Nullable MarkResolvedInput input) {}

  record MarkResolvedInput(@JsonProperty("ticket_ids") @Nullable List<String> ticketIds) {}

  /** Seed 001's envelope; {@code data} has one outcome per distinct id, in the order given. */
  record Envelope(String success, String message, Map<String, ?> data) {}

  @PostMapping("/mark-ticket-resolved")
  Envelope markTicketResolved(@RequestBody MarkResolvedRequest request) {
    List<String> ids = request.input() == null ? null : request.input().ticketIds();
    if (ids == null) {
      throw ValidationException.of("input.ticket_ids", "is required");
    }
    Map<String, ResolveOutcome> outcomes = tickets.resolveTickets(actors.currentActor(), ids);
    boolean all = outcomes.values().stream()
        .allMatch(o -> o == ResolveOutcome.RESOLVED || o == ResolveOutcome.ALREADY_RESOLVED);
    return new Envelope("SUCCESS", all ? "Tickets resolved successfully" : "Some tickets could not be resolved",
        outcomes);
  }

  // ---- POST /api/communication/support/add-note (Hasura event trigger on the notes table)

  /** The part of Hasura's event payload the note needs: {@code event.data.new}. */
  record HasuraEvent(@Nullable Event event) {
    record Event(@Nullable Data data) {}

    record Data(@JsonProperty("new") @Nullable NoteRow newRow) {}
  }

  /** The inserted row of seed 001's notes table. */
  record NoteRow(@Nullable String id, @JsonProperty("support_id") @Nullable String supportId,
      @Nullable String description, @JsonProperty("created_at") @Nullable String createdAt) {}

  @PostMapping("/support/add-note")
  ResponseEntity<Envelope> addNote(@RequestHeader(name = HasuraProperties.SECRET_HEADER, required = false) @Nullable String secret,
      @RequestBody HasuraEvent payload) {
    if (!authentic(secret)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(new Envelope("FAILURE", "missing or wrong " + HasuraProperties.SECRET_HEADER, Map.of()));
    }
    NoteRow row = payload.event() == null || payload.event().data() == null ? null : payload.event().data().newRow();
    if (row == null) {
      throw ValidationException.of("event.data.new", "is required");
    }
    Actor admin = new Actor(hasura.actorId(), hasura.actorRole(), null);
    // Idempotent on the note id: Hasura redelivers (10 retries) and the note is recorded and notified once.
    CommentView note = tickets.recordExternalNote(admin,
        new ExternalNote(row.id(), row.supportId(), row.description(), createdAt(row.createdAt()), false));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("note_id", row.id());
    data.put("ticket_id", note.ticketId());
    data.put("comment_id", note.id());
    return ResponseEntity.ok(new Envelope("SUCCESS", "Note added successfully", data));
  }

  /** Constant time: digests of equal length, compared with {@link MessageDigest#isEqual}. */
  private boolean authentic(@Nullable String secret) {
    return secretDigest != null && secret != null && MessageDigest.isEqual(secretDigest, sha256(secret));
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
        throw ValidationException.of("event.data.new.created_at", "is not an ISO-8601 date-time");
      }
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
