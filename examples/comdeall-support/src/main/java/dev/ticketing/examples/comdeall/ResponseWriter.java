package dev.ticketing.examples.comdeall;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a refusal from a filter, before any controller runs: in Hasura's action error shape on the
 * action's path, in the module's envelope everywhere else.
 */
@Component
class ResponseWriter {
  private final JsonMapper json;

  ResponseWriter(JsonMapper json) {
    this.json = json;
  }

  void write(HttpServletRequest request, HttpServletResponse response, Failure failure)
      throws IOException {
    boolean action = CreateTicketAction.PATH.equals(request.getRequestURI());
    response.setStatus(failure.status().value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(json.writeValueAsString(action ? failure.actionError() : failure.envelope()));
  }
}
