package dev.ticketing.examples.desk;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The error page: every answer made with {@code sendError} (by Spring MVC, Spring Security or the
 * container: 400, 401, 403, 404, 405, 406, 415, 500, ...) ends here and leaves with its stable code,
 * in the shape of the API that was called ({@link ErrorResponses}). Nothing of the exception reaches
 * the client but the name of a JSON limit that was exceeded.
 */
@RestController
class DeskErrorController implements ErrorController {
  private final ErrorAttributes errorAttributes;

  DeskErrorController(ErrorAttributes errorAttributes) {
    this.errorAttributes = errorAttributes;
  }

  @RequestMapping(
      value = "${server.error.path:${error.path:/error}}",
      produces = MediaType.ALL_VALUE)
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String s ? stripContext(request, s) : null;
    DeskError error = DeskError.forStatus(status);
    String detail = null;
    Map<String, Object> extra = Map.of();
    if (error == DeskError.VALIDATION) {
      detail = describe(errorAttributes.getError(new ServletWebRequest(request)));
      if (!ErrorResponses.GRAPHQL_PATH.equals(path)) {
        extra = Map.of("errors", List.of(Map.of("field", "body", "message", detail)));
      }
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorResponses.body(path, error.name(), error.message(detail), extra));
  }

  /** Why the request is malformed, in words safe to show: which JSON limit, or that it is not JSON. */
  static String describe(@Nullable Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return "the request body exceeds a JSON limit: " + limit.getOriginalMessage();
      }
    }
    return "the request body is not the expected JSON";
  }

  private static String stripContext(HttpServletRequest request, String uri) {
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }
}
