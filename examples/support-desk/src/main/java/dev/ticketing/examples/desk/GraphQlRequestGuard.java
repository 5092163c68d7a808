package dev.ticketing.examples.desk;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.parser.ParserOptions;
import java.util.List;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * Around every GraphQL request: the parser's limits ({@code desk.limits.graphql.max-characters} and
 * {@code max-tokens}), the signed-in user for the write limits, and on the way out a stable code on
 * every error ({@link GraphQlErrorCodes}) and {@code Retry-After} when a write was rate-limited.
 */
final class GraphQlRequestGuard implements WebGraphQlInterceptor {
  private final ParserOptions parserOptions;

  GraphQlRequestGuard(DeskLimits limits) {
    this.parserOptions =
        ParserOptions.getDefaultOperationParserOptions()
            .transform(
                options ->
                    options
                        .maxCharacters(limits.graphql().maxCharacters())
                        .maxTokens(limits.graphql().maxTokens()));
  }

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    request.configureExecutionInput(
        (input, builder) -> {
          GraphQLContext context = input.getGraphQLContext();
          context.put(ParserOptions.class, parserOptions);
          if (user != null && user.isAuthenticated()) {
            context.put(GraphQlWriteLimits.USER, user.getName());
          }
          return input;
        });
    return chain.next(request).map(GraphQlRequestGuard::coded);
  }

  private static WebGraphQlResponse coded(WebGraphQlResponse response) {
    List<GraphQLError> errors = response.getExecutionResult().getErrors();
    if (errors.isEmpty()) {
      return response;
    }
    boolean timedOut = GraphQlDeadline.timedOut(response.getExecutionInput().getGraphQLContext());
    List<GraphQLError> coded =
        errors.stream().map(e -> GraphQlErrorCodes.coded(e, timedOut)).toList();
    WebGraphQlResponse out = response.transform(builder -> builder.errors(coded));
    long retryAfter =
        coded.stream()
            .map(GraphQLError::getExtensions)
            .filter(
                extensions ->
                    extensions != null
                        && DeskError.RATE_LIMITED.name().equals(extensions.get("code")))
            .map(extensions -> extensions.get("retryAfterSeconds"))
            .filter(Number.class::isInstance)
            .mapToLong(seconds -> ((Number) seconds).longValue())
            .max()
            .orElse(0);
    if (retryAfter > 0) {
      out.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    return out;
  }
}
