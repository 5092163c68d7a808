package dev.ticketing.examples.desk;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the desk's coded error bodies where no controller does: in filters, in the security
 * handlers, on the error page. On {@code /graphql} the body is GraphQL's shape, {@code
 * {"errors":[{"message":..,"extensions":{"code":..}}]}}, everywhere else the REST envelope,
 * {@code {"success":"FAILURE","message":..,"code":..}}: a client of either API always finds the
 * stable code where it looks for it.
 */
final class ErrorResponses {
  static final String GRAPHQL_PATH = "/graphql";

  private static final JsonMapper JSON = JsonMapper.shared();

  private ErrorResponses() {}

  /** The body for {@code path}, in the API's shape, with {@code extra} entries beside the code. */
  static Map<String, Object> body(
      @Nullable String path, String code, String message, Map<String, ?> extra) {
    if (GRAPHQL_PATH.equals(path)) {
      Map<String, Object> extensions = new LinkedHashMap<>();
      extensions.put("code", code);
      extensions.putAll(extra);
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", message);
      error.put("extensions", extensions);
      return Map.of("errors", List.of(error));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "FAILURE");
    body.put("message", message);
    body.put("code", code);
    body.putAll(extra);
    return body;
  }

  /** Answers the request with {@code error}'s status and a coded body; the response must not be committed. */
  static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      DeskError error,
      @Nullable String detail,
      Map<String, ?> extra)
      throws IOException {
    write(
        response,
        error.status().value(),
        body(pathOf(request), error.name(), error.message(detail), extra));
  }

  static void write(HttpServletResponse response, int status, Map<String, Object> body)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
  }

  /** The request's path inside the application. */
  static String pathOf(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }
}
