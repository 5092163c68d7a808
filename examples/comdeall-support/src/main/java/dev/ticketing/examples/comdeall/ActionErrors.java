package dev.ticketing.examples.comdeall;

import dev.ticketing.TicketingException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the Hasura action in Hasura's action error shape: {@code message} and {@code extensions.code}. */
@RestControllerAdvice(assignableTypes = CreateTicketAction.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActionErrors {
  private static final Logger log = LoggerFactory.getLogger(ActionErrors.class);

  @ExceptionHandler(Failure.Refused.class)
  ResponseEntity<Map<String, Object>> refused(Failure.Refused e) {
    return respond(e.failure());
  }

  @ExceptionHandler(TicketingException.class)
  ResponseEntity<Map<String, Object>> ticketing(TicketingException e) {
    return respond(Failure.of(e, UnaryOperator.identity()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return respond(ApiErrors.unreadableBody(e));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(
        Failure.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            Failure.UNSUPPORTED_MEDIA_TYPE,
            "the request body must be application/json"));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
    log.error("Unexpected failure of the create_support_ticket action", e);
    return respond(
        Failure.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "something went wrong"));
  }

  static ResponseEntity<Map<String, Object>> respond(Failure f) {
    return ResponseEntity.status(f.status()).body(f.actionError());
  }
}
