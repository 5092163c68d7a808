package dev.ticketing.examples.comdeall;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every refusal of the REST endpoints in the module's envelope, with a code, and for bad input the
 * fields as the request names them. The Hasura action answers in its own shape ({@link
 * ActionErrors}), from the same {@link Failure}s.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

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
    return respond(unreadableBody(e));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    return respond(Failure.invalid(e.getName(), "is not a valid value"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
    return respond(Failure.invalid(e.getParameterName(), "is required"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(
        Failure.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            Failure.UNSUPPORTED_MEDIA_TYPE,
            "the request body must be application/json"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return respond(
        Failure.of(
            HttpStatus.METHOD_NOT_ALLOWED,
            Failure.METHOD_NOT_ALLOWED,
            e.getMethod() + " is not supported here"));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noSuchPath(NoResourceFoundException e) {
    return respond(
        Failure.of(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND.name(), "no such endpoint"));
  }

  @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
  ResponseEntity<Map<String, Object>> unauthenticated(
      AuthenticationCredentialsNotFoundException e) {
    return respond(Failure.of(HttpStatus.UNAUTHORIZED, Failure.UNAUTHENTICATED, "sign in first"));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
    return respond(
        Failure.of(HttpStatus.FORBIDDEN, ErrorCode.ACCESS_DENIED.name(), "access denied"));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
    log.error("Unexpected failure", e);
    return respond(
        Failure.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "something went wrong"));
  }

  /**
   * Malformed JSON, a value of the wrong type (the field named as in the request, {@code
   * input.ticket_ids}), or a body over the size limit.
   */
  static Failure unreadableBody(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodySizeLimit.TooLarge tooLarge) {
        return tooLarge.failure();
      }
    }
    if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
      return Failure.invalid(path(json.getPath()), "is not a value of the expected type");
    }
    return Failure.invalid("body", "is not the expected JSON");
  }

  private static String path(List<JacksonException.Reference> references) {
    StringBuilder b = new StringBuilder();
    for (JacksonException.Reference r : references) {
      if (r.getPropertyName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.isEmpty() ? "body" : b.toString();
  }

  static ResponseEntity<Map<String, Object>> respond(Failure f) {
    return ResponseEntity.status(f.status()).body(f.envelope());
  }
}
