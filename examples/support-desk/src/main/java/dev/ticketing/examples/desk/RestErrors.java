package dev.ticketing.examples.desk;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import dev.ticketing.spring.web.TicketingProblemDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The library's exceptions on the REST endpoints: the library's HTTP status per {@link ErrorCode}
 * ({@link TicketingProblemDetails#status}) in the module's
 * envelope {@code {"success": "FAILURE", "message", "code"}}, for validation with every violation
 * and its field, for a refused write ({@code RATE_LIMITED}, 429) with {@code Retry-After}.
 */
@RestControllerAdvice(assignableTypes = {CommunicationController.class, RatingLinkController.class})
class RestErrors {

  @ExceptionHandler(TicketingException.class)
  ResponseEntity<Map<String, Object>> ticketing(TicketingException e) {
    Map<String, Object> body = envelope(e.code().name(), e.getMessage());
    if (e instanceof ValidationException v) {
      body.put(
          "errors",
          v.violations().stream()
              .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
              .toList());
    }
    return ResponseEntity.status(TicketingProblemDetails.status(e.code())).body(body);
  }

  @ExceptionHandler(RateLimitedException.class)
  ResponseEntity<Map<String, Object>> rateLimited(RateLimitedException e) {
    Map<String, Object> body = envelope(DeskError.RATE_LIMITED.name(), e.getMessage());
    body.put("retryAfterSeconds", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    String problem = DeskErrorController.describe(e);
    Map<String, Object> body = envelope(ErrorCode.VALIDATION.name(), problem);
    body.put("errors", List.of(Map.of("field", "body", "message", problem)));
    return ResponseEntity.badRequest().body(body);
  }

  private static Map<String, Object> envelope(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "FAILURE");
    body.put("message", message);
    body.put("code", code);
    return body;
  }
}
