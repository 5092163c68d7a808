package dev.ticketing.examples.desk;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The library's exceptions on the REST endpoints: an HTTP status per {@link ErrorCode} and seed
 * 001's envelope with {@code "success": "FAILURE"}, the code, and for validation every violation
 * with its field.
 */
@RestControllerAdvice(assignableTypes = CommunicationController.class)
class RestErrors {

  @ExceptionHandler(TicketingException.class)
  ResponseEntity<Map<String, Object>> ticketing(TicketingException e) {
    Map<String, Object> body = envelope(e.code().name(), e.getMessage());
    if (e instanceof ValidationException v) {
      body.put("errors", v.violations().stream()
          .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
          .toList());
    }
    return ResponseEntity.status(status(e.code())).body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    Map<String, Object> body = envelope(ErrorCode.VALIDATION.name(), "the request body is not the expected JSON");
    body.put("errors", List.of(Map.of("field", "body", "message", "is not the expected JSON")));
    return ResponseEntity.badRequest().body(body);
  }

  private static Map<String, Object> envelope(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "FAILURE");
    body.put("message", message);
    body.put("code", code);
    return body;
  }

  static HttpStatus status(ErrorCode code) {
    return switch (code) {
      case VALIDATION -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case ACCESS_DENIED -> HttpStatus.FORBIDDEN;
      case INVALID_TRANSITION, INVALID_STATE, CONFLICT -> HttpStatus.CONFLICT;
      case ATTACHMENT_REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}
