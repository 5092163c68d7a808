package dev.ticketing.examples.comdeall;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.ErrorCode;
import dev.ticketing.TicketService;
import dev.ticketing.TicketView;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.security.RoleMapping;
import dev.ticketing.validation.TextValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module's {@code create_support_ticket(hasura_session, input_subject_id, input_description)}
 * as a Hasura Action handler: Hasura posts the action's payload (behind the shared secret) and
 * answers its GraphQL client with the output object, the created ticket, or with the error given
 * here in Hasura's action error shape ({@code message}, {@code extensions.code}). The checks are the
 * function's: the session's user and role, a subject that exists and is active, a description that
 * is not empty once trimmed; the library's policy refuses roles that may not create tickets
 * (admins).
 *
 * <p>Tickets have no title on this platform: the library derives it from the subject's label
 * ({@code ticketing.tickets.title=FROM_SUBJECT}).
 */
@RestController
class CreateTicketAction {
  static final String PATH = "/api/communication/support/create-ticket";
  static final String ACTION = "create_support_ticket";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Map<String, String> FIELDS =
      Map.of(
          "category", "input.input_subject_id",
          "description", "input.input_description");

  private final TicketService tickets;
  private final ComdeallDirectory directory;
  private final RoleMapping roles;

  CreateTicketAction(TicketService tickets, ComdeallDirectory directory, RoleMapping roles) {
    this.tickets = tickets;
    this.directory = directory;
    this.roles = roles;
  }

  record ActionPayload(
      @Nullable ActionName action,
      @Nullable Input input,
      @JsonProperty("session_variables") @Nullable Map<String, Object> sessionVariables) {}

  record ActionName(@Nullable String name) {}

  record Input(
      @JsonProperty("input_subject_id") @Nullable String subjectId,
      @JsonProperty("input_description") @Nullable String description) {}

  @PostMapping(PATH)
  Map<String, Object> createSupportTicket(@RequestBody ActionPayload payload) {
    if (payload.action() == null || !ACTION.equals(payload.action().name())) {
      throw Failure.invalid("action.name", "must be " + ACTION).refused();
    }
    Actor actor = sessionActor(payload.sessionVariables());
    Input input = payload.input() != null ? payload.input() : new Input(null, null);

    List<Violation> problems = new ArrayList<>();
    String subjectId = input.subjectId();
    if (subjectId == null || subjectId.isBlank()) {
      problems.add(new Violation("input.input_subject_id", "is required"));
    } else if (!UUID.matcher(subjectId).matches()) {
      problems.add(new Violation("input.input_subject_id", "must be a UUID"));
    }
    String description = input.description();
    String descriptionProblem =
        description == null ? "is required" : TextValidator.problem(description, 1, 10_000);
    if (descriptionProblem != null) {
      problems.add(new Violation("input.input_description", descriptionProblem));
    }
    if (!problems.isEmpty()) {
      throw new Failure(
              HttpStatus.BAD_REQUEST,
              ErrorCode.VALIDATION.name(),
              "invalid input: "
                  + String.join(
                      "; ", problems.stream().map(v -> v.field() + " " + v.message()).toList()),
              problems)
          .refused();
    }
    // Subject ids are UUIDs: compared in lower case, as the subject table keeps them.
    Category subject = Category.of(subjectId.toLowerCase(Locale.ROOT));
    TicketView created =
        CommunicationController.call(
            FIELDS,
            () ->
                tickets.createTicket(
                    actor,
                    CreateTicket.untitled(subject, description, ComdeallDirectory.PLATFORM)));
    return TicketJson.created(created);
  }

  /**
   * The caller as Hasura's session names it: a user the platform knows, in the role the session
   * claims, which must be that user's role.
   */
  private Actor sessionActor(@Nullable Map<String, Object> session) {
    Object userId = session == null ? null : session.get("x-hasura-user-id");
    Object roleName = session == null ? null : session.get("x-hasura-role");
    if (!(roleName instanceof String role) || role.isBlank()) {
      throw Failure.of(
              HttpStatus.FORBIDDEN,
              ErrorCode.ACCESS_DENIED.name(),
              "unauthorized: the session has no role")
          .refused();
    }
    Optional<Role> sdkRole =
        List.of(ApiSecurity.ROLES).contains(role.toUpperCase(Locale.ROOT))
            ? roles.roleOf(List.of(role))
            : Optional.empty();
    if (sdkRole.isEmpty()) {
      throw Failure.of(
              HttpStatus.FORBIDDEN,
              ErrorCode.ACCESS_DENIED.name(),
              "unauthorized: role " + role + " may not create support tickets")
          .refused();
    }
    if (!(userId instanceof String id) || id.isBlank()) {
      throw Failure.invalid("session_variables.x-hasura-user-id", "is required").refused();
    }
    DemoUsers.User user =
        DemoUsers.byId(id)
            .orElseThrow(
                () ->
                    Failure.invalid("session_variables.x-hasura-user-id", "is not a known user")
                        .refused());
    if (!user.role().equalsIgnoreCase(role)) {
      throw Failure.of(
              HttpStatus.FORBIDDEN,
              ErrorCode.ACCESS_DENIED.name(),
              "unauthorized: the session's role is not the user's")
          .refused();
    }
    Role r = directory.roleOf(user.role());
    return new Actor(user.id(), r, r == Role.CUSTOMER ? ComdeallDirectory.PLATFORM : null);
  }
}
