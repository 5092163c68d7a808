package dev.ticketing.examples.desk;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.CommentView;
import dev.ticketing.ExternalNote;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.TicketService;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.spring.security.ActorResolver;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST endpoints under {@code /api/communication}, on the library's {@link TicketService}: bulk
 * resolve for signed-in users, and the Hasura event webhook that records notes inserted elsewhere.
 * Errors are answered by {@link RestErrors}, and name the fields as the request names them ({@code
 * input.ticket_ids}, {@code event.data.new.created_at}), not as the library does.
 *
 * <p>The webhook's shared secret is checked by {@link WebhookSecretFilter} before the body is read;
 * a call that reaches this controller has presented it.
 */
@RestController
@RequestMapping("/api/communication")
class CommunicationController {
  private static final String NOTE = "event.data.new";

  /** The library's field names in {@code recordExternalNote}, to the webhook's. */
  private static final Map<String, String> NOTE_FIELDS =
      Map.of(
          "note", NOTE,
          "externalId", NOTE + ".id",
          "ticketId", NOTE + ".support_id",
          "content", NOTE + ".description",
          "createdAt", NOTE + ".created_at");

  /** Checks a note the way the library will, when the desk refuses it before the library is asked. */
  private static final Validator NOTE_RULES =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  private final TicketService tickets;
  private final ActorResolver actors;
  private final HasuraProperties hasura;
  private final WriteRateLimiter writes;
  private final Clock clock;

  CommunicationController(
      TicketService tickets,
      ActorResolver actors,
      HasuraProperties hasura,
      WriteRateLimiter writes,
      Clock clock) {
    this.tickets = tickets;
    this.actors = actors;
    this.hasura = hasura;
    this.writes = writes;
    this.clock = clock;
  }

  // ---- POST /api/communication/mark-ticket-resolved

  /** {@code {"input":{"ticket_ids":[...]}}}. */
  record MarkResolvedRequest(@Nullable MarkResolvedInput input) {}

  record MarkResolvedInput(@JsonProperty("ticket_ids") @Nullable List<String> ticketIds) {}

  /** The REST envelope; {@code data} has one outcome per distinct id, in the order given. */
  record Envelope(String success, String message, Map<String, ?> data) {}

  @PostMapping("/mark-ticket-resolved")
  Envelope markTicketResolved(
      @RequestBody MarkResolvedRequest request,
      Principal user,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
    List<String> ids = request.input() == null ? null : request.input().ticketIds();
    if (ids == null) {
      throw ValidationException.of("input.ticket_ids", "is required");
    }
    writes.acquire(user.getName());
    Map<String, ResolveOutcome> outcomes =
        renamed(
            field -> field.replaceFirst("^ticketIds", "input.ticket_ids"),
            () -> tickets.resolveTickets(actors.currentActor(), ids, idempotencyKey));
    boolean all =
        outcomes.values().stream()
            .allMatch(o -> o == ResolveOutcome.RESOLVED || o == ResolveOutcome.ALREADY_RESOLVED);
    return new Envelope(
        "SUCCESS",
        all ? "Tickets resolved successfully" : "Some tickets could not be resolved",
        outcomes);
  }

  // ---- POST /api/communication/support/add-note (Hasura event trigger on the notes table)

  /** The part of Hasura's event payload the note needs: {@code event.data.new}. */
  record HasuraEvent(@Nullable Event event) {
    record Event(@Nullable Data data) {}

    record Data(@JsonProperty("new") @Nullable NoteRow newRow) {}
  }

  /** The inserted row of the notes table. */
  record NoteRow(
      @Nullable String id,
      @JsonProperty("support_id") @Nullable String supportId,
      @Nullable String description,
      @JsonProperty("created_at") @Nullable String createdAt) {}

  /**
   * Records the note as the configured actor, as a public note; idempotent on the note id. A note
   * dated later than now plus {@code desk.hasura.max-clock-skew} is refused (it would pin the
   * ticket's last-comment time in the future), and so is a new note on a CLOSED or CANCELLED
   * ticket (409 {@code INVALID_STATE}, as for any comment there).
   */
  @PostMapping("/support/add-note")
  ResponseEntity<Envelope> addNote(@RequestBody HasuraEvent payload) {
    NoteRow row =
        payload.event() == null || payload.event().data() == null
            ? null
            : payload.event().data().newRow();
    if (row == null) {
      throw ValidationException.of(NOTE, "is required");
    }
    List<Violation> dateProblems = new ArrayList<>();
    Instant createdAt = createdAt(row.createdAt(), dateProblems);
    ExternalNote note =
        new ExternalNote(row.id(), row.supportId(), row.description(), createdAt, false);
    if (!dateProblems.isEmpty()) {
      // Refused here, before the library records anything: report the note's other faults with it.
      for (ConstraintViolation<ExternalNote> v : NOTE_RULES.validate(note)) {
        dateProblems.add(new Violation(v.getPropertyPath().toString(), v.getMessage()));
      }
      throw rename(new ValidationException(dateProblems), CommunicationController::noteField);
    }
    Actor admin = new Actor(hasura.actorId(), hasura.actorRole(), null);
    // Idempotent on the note id: Hasura redelivers (10 retries) and the note is recorded and
    // notified once.
    CommentView recorded =
        renamed(CommunicationController::noteField, () -> tickets.recordExternalNote(admin, note));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("note_id", row.id());
    data.put("ticket_id", recorded.ticketId());
    data.put("comment_id", recorded.id());
    return ResponseEntity.ok(new Envelope("SUCCESS", "Note added successfully", data));
  }

  /**
   * Hasura sends {@code timestamptz} with an offset and {@code timestamp} without one (taken as UTC);
   * a time later than now plus the allowed clock skew is a violation.
   */
  private @Nullable Instant createdAt(@Nullable String text, List<Violation> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        at = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        problems.add(new Violation("createdAt", "is not an ISO-8601 date-time"));
        return null;
      }
    }
    Instant latest = clock.instant().plus(hasura.maxClockSkew());
    if (at.isAfter(latest)) {
      problems.add(
          new Violation(
              "createdAt",
              "must not be in the future (more than "
                  + hasura.maxClockSkew().toSeconds()
                  + " s ahead of the desk's clock)"));
      return null;
    }
    return at;
  }

  private static String noteField(String field) {
    String mapped = NOTE_FIELDS.get(field);
    return mapped != null ? mapped : NOTE + "." + field;
  }

  /** Runs {@code call}; a validation error leaves with its fields named as the request names them. */
  private static <T> T renamed(UnaryOperator<String> fields, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ValidationException e) {
      throw rename(e, fields);
    }
  }

  private static ValidationException rename(ValidationException e, UnaryOperator<String> fields) {
    return new ValidationException(
        e.violations().stream()
            .map(v -> new Violation(fields.apply(v.field()), v.message()))
            .toList());
  }
}
