package dev.ticketing.examples.desk;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.ErrorType;

/**
 * Gives every GraphQL error a stable {@code extensions.code}. The library's errors and the desk's
 * limits come coded ({@link GraphQlErrors}, {@link GraphQlDocumentLimits}); graphql-java's own do
 * not, and get one here:
 *
 * <ul>
 *   <li>syntax errors and document validation errors (unknown field, bad enum value, {@code Int}
 *       out of range, a malformed {@code DateTime}, a missing argument...) are {@code VALIDATION}
 *       with {@code extensions.fields} naming what the client wrote: the argument path ({@code
 *       createTicketInput.priority}), the variable ({@code variables.first}), the selection ({@code
 *       myTickets.bogus}), or {@code query} for the document itself;
 *   <li>a document the parser refuses for its size is {@code QUERY_TOO_COMPLEX};
 *   <li>an execution stopped by its deadline is {@code TIMEOUT};
 *   <li>anything else is {@code INTERNAL_ERROR}, without details.
 * </ul>
 */
final class GraphQlErrorCodes {
  private static final Pattern ARGUMENT = Pattern.compile("argument '([^']+)'");
  private static final Pattern VARIABLE = Pattern.compile("^Variable '([^']+)'");
  private static final String PARSER_LIMIT = "parsing has been cancelled";

  private GraphQlErrorCodes() {}

  /** The error with its code (unchanged when it has one). */
  static GraphQLError coded(GraphQLError error, boolean timedOut) {
    Map<String, Object> extensions =
        error.getExtensions() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(error.getExtensions());
    if (extensions.containsKey("code")) {
      return error;
    }
    ErrorClassification type = error.getErrorType();
    String message = error.getMessage() == null ? "" : error.getMessage();
    ErrorClassification classification = type;
    String code;
    String field = null;
    if (type == graphql.ErrorType.InvalidSyntax) {
      if (message.contains(PARSER_LIMIT)) {
        code = GraphQlDocumentLimits.CODE;
        classification = DeskErrorType.QUERY_TOO_COMPLEX;
        extensions.put("limit", message.contains("characters") ? "characters" : "tokens");
      } else {
        code = "VALIDATION";
        field = "query";
      }
    } else if (type == graphql.ErrorType.ValidationError
        || type == graphql.ErrorType.OperationNotSupported
        || type == ErrorType.BAD_REQUEST) {
      code = "VALIDATION";
      field = fieldOf(error, message);
    } else if (type == graphql.ErrorType.ExecutionAborted
        || "BadFaithIntrospection".equals(type.toString())) {
      if (timedOut) {
        code = DeskError.TIMEOUT.name();
        classification = DeskErrorType.TIMEOUT;
        message = "the document ran longer than allowed and was stopped";
      } else {
        code = GraphQlDocumentLimits.CODE;
        classification = DeskErrorType.QUERY_TOO_COMPLEX;
      }
    } else if (type == ErrorType.UNAUTHORIZED) {
      code = DeskError.UNAUTHENTICATED.name();
    } else if (type == ErrorType.FORBIDDEN) {
      code = DeskError.ACCESS_DENIED.name();
    } else if (type == ErrorType.NOT_FOUND) {
      code = DeskError.NOT_FOUND.name();
    } else {
      code = DeskError.INTERNAL_ERROR.name();
    }
    extensions.put("code", code);
    if (field != null) {
      extensions.put("fields", List.of(field));
      extensions.put("violations", List.of(Map.of("field", field, "message", message)));
    }
    GraphqlErrorBuilder<?> builder =
        GraphqlErrorBuilder.newError()
            .message(message)
            .errorType(classification)
            .extensions(extensions);
    if (error.getLocations() != null) {
      builder.locations(error.getLocations());
    }
    if (error.getPath() != null) {
      builder.path(error.getPath());
    }
    return builder.build();
  }

  /** What the client named: an argument path, a variable, a selection, or else the document. */
  private static String fieldOf(GraphQLError error, String message) {
    Matcher argument = ARGUMENT.matcher(message);
    if (argument.find()) {
      return argument.group(1);
    }
    Matcher variable = VARIABLE.matcher(message);
    if (variable.find()) {
      return "variables." + variable.group(1);
    }
    @Nullable List<String> path = error instanceof ValidationError v ? v.getQueryPath() : null;
    if (path != null && !path.isEmpty()) {
      return String.join(".", path);
    }
    return "query";
  }
}
