package dev.ticketing.spring.graphql;

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

/**
 * The library's exceptions as GraphQL errors: {@code extensions.code} is the stable {@link
 * ErrorCode}, {@code extensions.retryable} says whether repeating the call may succeed, and a
 * validation error lists {@code extensions.fields} and each of {@code extensions.violations}
 * ({@code field}, {@code message}). The classification is Spring for GraphQL's {@link ErrorType}
 * ({@code BAD_REQUEST}, {@code NOT_FOUND}, {@code FORBIDDEN}) or a {@link TicketingErrorType}.
 * Other exceptions are left to the next resolver. Switched off with {@code
 * ticketing.graphql.errors.enabled=false}.
 *
 * @since 0.1.0
 */
public class TicketingDataFetcherExceptionResolver extends DataFetcherExceptionResolverAdapter {

  @Override
  protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
    if (!(ex instanceof TicketingException e)) {
      return null;
    }
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", e.code().name());
    extensions.put("retryable", e.retryable());
    if (e instanceof ValidationException v) {
      extensions.put("fields", v.fields());
      extensions.put(
          "violations",
          v.violations().stream()
              .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
              .toList());
    }
    String message = e.getMessage();
    return GraphqlErrorBuilder.newError(env)
        .errorType(classification(e.code()))
        .message(message == null ? e.code().name() : message)
        .extensions(extensions)
        .build();
  }

  /** The classification of a library error code. */
  public static ErrorClassification classification(ErrorCode code) {
    return switch (code) {
      case VALIDATION,
          INVALID_TRANSITION,
          INVALID_STATE,
          ATTACHMENT_REJECTED,
          IDEMPOTENCY_KEY_REUSED ->
          ErrorType.BAD_REQUEST;
      case NOT_FOUND -> ErrorType.NOT_FOUND;
      case ACCESS_DENIED -> ErrorType.FORBIDDEN;
      case CONFLICT -> TicketingErrorType.CONFLICT;
      case UNAVAILABLE -> TicketingErrorType.UNAVAILABLE;
    };
  }
}
