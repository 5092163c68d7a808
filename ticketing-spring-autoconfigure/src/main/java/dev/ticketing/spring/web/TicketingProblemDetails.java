package dev.ticketing.spring.web;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The library's errors as HTTP answers: one status per {@link ErrorCode} and an RFC 9457 {@link
 * ProblemDetail} carrying the stable {@code code}, whether repeating the call may succeed ({@code
 * retryable}) and, for bad input, every {@code violations} entry with its {@code field}. Hosts that
 * answer in an envelope of their own use {@link #status(ErrorCode)} to stay on the same table.
 *
 * <table>
 *   <caption>Status per code</caption>
 *   <tr><th>code</th><th>status</th></tr>
 *   <tr><td>VALIDATION</td><td>400</td></tr>
 *   <tr><td>ACCESS_DENIED</td><td>403</td></tr>
 *   <tr><td>NOT_FOUND</td><td>404</td></tr>
 *   <tr><td>INVALID_TRANSITION, INVALID_STATE, CONFLICT</td><td>409</td></tr>
 *   <tr><td>ATTACHMENT_REJECTED, IDEMPOTENCY_KEY_REUSED</td><td>422</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>503</td></tr>
 * </table>
 *
 * @since 0.1.0
 */
public final class TicketingProblemDetails {

  private TicketingProblemDetails() {}

  /** The HTTP status of a library error code. */
  public static HttpStatus status(ErrorCode code) {
    return switch (code) {
      case VALIDATION -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case ACCESS_DENIED -> HttpStatus.FORBIDDEN;
      case INVALID_TRANSITION, INVALID_STATE, CONFLICT -> HttpStatus.CONFLICT;
      case ATTACHMENT_REJECTED, IDEMPOTENCY_KEY_REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  /**
   * The problem detail of a library error: {@code type} {@code urn:ticketing:error:<code>}, {@code
   * title} the code, {@code detail} the message (ids and rules, never the content of a ticket), and
   * the properties {@code code}, {@code retryable} and, for validation, {@code violations} ({@code
   * field}, {@code message}).
   */
  public static ProblemDetail of(TicketingException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(e.code()), e.getMessage());
    problem.setType(URI.create("urn:ticketing:error:" + e.code().name().toLowerCase(Locale.ROOT)));
    problem.setTitle(e.code().name());
    problem.setProperty("code", e.code().name());
    problem.setProperty("retryable", e.retryable());
    if (e instanceof ValidationException v) {
      problem.setProperty(
          "violations",
          v.violations().stream()
              .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
              .toList());
    }
    return problem;
  }
}
