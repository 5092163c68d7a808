package dev.ticketing.examples.comdeall;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.spring.web.TicketingProblemDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;

/**
 * A refused request, in the two shapes the module's clients read: the REST envelope ({@code
 * success: FAILURE}, {@code message}, {@code code}, and for bad input {@code errors} naming each
 * field as the request named it) and Hasura's action error ({@code message}, {@code extensions.code}
 * and the same {@code errors}).
 */
record Failure(HttpStatus status, String code, String message, List<Violation> violations) {

  /** Host codes beside the library's {@link ErrorCode}s. */
  static final String UNAUTHENTICATED = "UNAUTHENTICATED";

  static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
  static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
  static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

  Failure {
    violations = List.copyOf(violations);
  }

  static Failure of(HttpStatus status, String code, String message) {
    return new Failure(status, code, message, List.of());
  }

  static Failure invalid(String field, String message) {
    return new Failure(
        HttpStatus.BAD_REQUEST,
        ErrorCode.VALIDATION.name(),
        "invalid input: " + field + " " + message,
        List.of(new Violation(field, message)));
  }

  /** The library's refusal, its fields renamed to the request's names by {@code fieldNames}. */
  static Failure of(TicketingException e, UnaryOperator<String> fieldNames) {
    if (e instanceof ValidationException v) {
      List<Violation> renamed = new ArrayList<>();
      for (Violation violation : v.violations()) {
        renamed.add(new Violation(fieldNames.apply(violation.field()), violation.message()));
      }
      return new Failure(
          HttpStatus.BAD_REQUEST, e.code().name(), "invalid input: " + describe(renamed), renamed);
    }
    return new Failure(
        TicketingProblemDetails.status(e.code()), e.code().name(), e.getMessage(), List.of());
  }

  /** The module's REST envelope. */
  Map<String, Object> envelope() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "FAILURE");
    body.put("message", message);
    body.put("code", code);
    if (!violations.isEmpty()) {
      body.put("errors", errors());
    }
    return body;
  }

  /** Hasura's action error: Hasura answers the GraphQL client with this message and extensions. */
  Map<String, Object> actionError() {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", code);
    if (!violations.isEmpty()) {
      extensions.put("field", violations.get(0).field());
      extensions.put("errors", errors());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("extensions", extensions);
    return body;
  }

  private List<Map<String, String>> errors() {
    return violations.stream()
        .map(v -> Map.of("field", v.field(), "message", v.message()))
        .toList();
  }

  private static String describe(List<Violation> violations) {
    return String.join("; ", violations.stream().map(v -> v.field() + " " + v.message()).toList());
  }

  /** Thrown by the host's controllers for refusals of their own. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Failure failure;

    Refused(Failure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }

    Failure failure() {
      return failure;
    }
  }

  Refused refused() {
    return new Refused(this);
  }

  /** Renames fields by exact name, then by the name before an index ({@code ticketIds[2]}). */
  static UnaryOperator<String> names(Map<String, String> names) {
    return field -> {
      String exact = names.get(field);
      if (exact != null) {
        return exact;
      }
      int bracket = field.indexOf('[');
      if (bracket > 0 && names.containsKey(field.substring(0, bracket))) {
        return names.get(field.substring(0, bracket)) + field.substring(bracket);
      }
      return field;
    };
  }
}
