package dev.ticketing.examples.desk;

import dev.ticketing.ErrorCode;
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
 * The desk's own refusals as GraphQL errors, beside the library's resolver (the starter's {@code
 * TicketingDataFetcherExceptionResolver}, which gives the library's exceptions their stable {@code
 * extensions.code}, {@code extensions.retryable}, {@code extensions.fields} and {@code
 * extensions.violations}): a write refused by the rate limit is {@code RATE_LIMITED} ({@link
 * DeskErrorType#TOO_MANY_REQUESTS}) with {@code extensions.retryAfterSeconds}; a login that maps to
 * no ticketing role, or no login at all, is {@code ACCESS_DENIED} or {@code UNAUTHENTICATED}.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

  @Override
  protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
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
}
