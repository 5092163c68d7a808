package dev.ticketing.examples.desk;

import dev.ticketing.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The stable codes of the errors the desk answers at the HTTP level, before or beside the
 * library: each with its HTTP status. The library's own {@link ErrorCode}s keep their names
 * ({@code VALIDATION}, {@code NOT_FOUND}, {@code ACCESS_DENIED}, ...); these add what only a web
 * host can refuse.
 */
enum DeskError {
  /** No credentials, or wrong ones. */
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
  /** A state-changing request from a browser without the CSRF token. */
  CSRF_REJECTED(HttpStatus.FORBIDDEN),
  /** Authenticated, but not allowed (also: a login that maps to no ticketing role). */
  ACCESS_DENIED(HttpStatus.FORBIDDEN),
  /** Malformed request: unreadable JSON, a JSON limit exceeded, a bad parameter. */
  VALIDATION(HttpStatus.BAD_REQUEST),
  NOT_FOUND(HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  /** A body larger than {@code desk.limits.http.max-request-size}. */
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  /** Too many writes or failed logins; {@code Retry-After} says when to try again. */
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
  /** The endpoint is switched off until it is configured (the webhook without a secret). */
  NOT_CONFIGURED(HttpStatus.SERVICE_UNAVAILABLE),
  /** The server could not answer in time. */
  TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE),
  /** Anything unexpected; details stay in the server's log. */
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

  private final HttpStatus status;

  DeskError(HttpStatus status) {
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }

  /** The code of an HTTP error status the desk did not produce itself (a container or framework answer). */
  static DeskError forStatus(int status) {
    return switch (status) {
      case 400 -> VALIDATION;
      case 401 -> UNAUTHENTICATED;
      case 403 -> ACCESS_DENIED;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> RATE_LIMITED;
      case 503 -> TIMEOUT;
      default -> status >= 400 && status < 500 ? VALIDATION : INTERNAL_ERROR;
    };
  }

  /** {@code detail} when given, else a message safe to show to anybody: nothing of the request or the server. */
  String message(@Nullable String detail) {
    if (detail != null) {
      return detail;
    }
    return switch (this) {
      case UNAUTHENTICATED -> "authentication required";
      case CSRF_REJECTED ->
          "missing or wrong CSRF token: send the XSRF-TOKEN cookie's value in X-XSRF-TOKEN";
      case ACCESS_DENIED -> "access denied";
      case VALIDATION -> "the request is malformed";
      case NOT_FOUND -> "no such resource";
      case METHOD_NOT_ALLOWED -> "method not allowed";
      case NOT_ACCEPTABLE -> "no acceptable representation; accept application/json";
      case PAYLOAD_TOO_LARGE -> "the request body is too large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported content type; send application/json";
      case RATE_LIMITED -> "too many requests";
      case NOT_CONFIGURED -> "this endpoint is not configured";
      case TIMEOUT -> "the request took too long";
      case INTERNAL_ERROR -> "internal error";
    };
  }
}
