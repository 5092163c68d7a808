package dev.ticketing.examples.desk;

import dev.ticketing.ErrorCode;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * The library's exceptions as GraphQL errors: {@code extensions.code} is the library's stable
 * {@link ErrorCode} ({@code NOT_FOUND}, {@code ACCESS_DENIED}, {@code INVALID_TRANSITION}, {@code
 * VALIDATION}, {@code CONFLICT}, ...), {@code extensions.retryable} says whether repeating the call
 * may succeed, and a validation error lists its fields in {@code extensions.fields} and each
 * violation in {@code extensions.violations}. {@code extensions.classification} is Spring for
 * GraphQL's coarse {@link ErrorType}, or the desk's ({@link DeskErrorType}) where none of those fits:
 * {@code CONFLICT}, {@code UNAVAILABLE}, {@code TOO_MANY_REQUESTS}. A write refused by the rate
 * limit is {@code RATE_LIMITED} with {@code extensions.retryAfterSeconds}.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

  @Override
  protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
    if (ex instanceof TicketingException e) {
      Map<String, Object> extensions = new LinkedHashMap<>();
      extensions.put("code", e.code().name());
      extensions.put("retryable", e.retryable());
      if (e instanceof ValidationException v) {
        extensions.put("fields", v.fields());
        extensions.put(
            "violations",
            v.violations().stream()
                .map(
                    violation -> Map.of("field", violation.field(), "message", violation.message()))
                .toList());
      }
      return error(env, classification(e.code()), e.getMessage(), extensions);
    }
    if (ex instanceof RateLimitedException limited) {
      Map<String, Object> extensions = new LinkedHashMap<>();
      extensions.put("code", DeskError.RATE_LIMITED.name());
      extensions.put("retryable", true);
      extensions.put("retryAfterSeconds", limited.retryAfterSeconds());
      return error(env, DeskErrorType.TOO_MANY_REQUESTS, limited.getMessage(), extensions);
    }
    // From the actor resolver: a login that maps to no ticketing role, or no login at all.
    if (ex instanceof AccessDeniedException) {
      return error(
          env,
          ErrorType.FORBIDDEN,
          "access denied",
          Map.of("code", ErrorCode.ACCESS_DENIED.name()));
    }
    if (ex instanceof AuthenticationException) {
      return error(
          env,
          ErrorType.UNAUTHORIZED,
          "authentication required",
          Map.of("code", "UNAUTHENTICATED"));
    }
    return null; // Spring for GraphQL answers INTERNAL_ERROR without details
  }

  private static GraphQLError error(
      DataFetchingEnvironment env,
      ErrorClassification type,
      @Nullable String message,
      Map<String, Object> extensions) {
    return GraphqlErrorBuilder.newError(env)
        .errorType(type)
        .message(message == null ? type.toString() : message)
        .extensions(extensions)
        .build();
  }

  /** A concurrent change is a conflict, an unreachable store is unavailable: neither is an internal error. */
  static ErrorClassification classification(ErrorCode code) {
    return switch (code) {
      case VALIDATION,
          INVALID_TRANSITION,
          INVALID_STATE,
          ATTACHMENT_REJECTED,
          IDEMPOTENCY_KEY_REUSED ->
          ErrorType.BAD_REQUEST;
      case NOT_FOUND -> ErrorType.NOT_FOUND;
      case ACCESS_DENIED -> ErrorType.FORBIDDEN;
      case CONFLICT -> DeskErrorType.CONFLICT;
      case UNAVAILABLE -> DeskErrorType.UNAVAILABLE;
    };
  }
}
