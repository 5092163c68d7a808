package dev.ticketing.examples.desk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a coded body to error answers that would otherwise have none: a framework setting a status
 * without writing (Spring for GraphQL's 405 and 415 on {@code /graphql}, a security handler), so
 * that every error the desk answers carries its stable code. Answers made with {@code sendError}
 * are left to the error page ({@link DeskErrorController}), which codes them too.
 */
final class EmptyErrorBodyFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Tracking tracking = new Tracking(response);
    chain.doFilter(request, tracking);
    if (request.isAsyncStarted()
        || tracking.errorSent
        || tracking.bodyStarted
        || response.isCommitted()) {
      return;
    }
    int status = response.getStatus();
    if (status >= 400) {
      DeskError error = DeskError.forStatus(status);
      ErrorResponses.write(
          response,
          status,
          ErrorResponses.body(
              ErrorResponses.pathOf(request), error.name(), error.message(null), Map.of()));
    }
  }

  /** Notes whether anything took the body or sent an error. */
  private static final class Tracking extends HttpServletResponseWrapper {
    boolean bodyStarted;
    boolean errorSent;

    Tracking(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      bodyStarted = true;
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      bodyStarted = true;
      return super.getWriter();
    }

    @Override
    public void sendError(int sc) throws IOException {
      errorSent = true;
      super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      errorSent = true;
      super.sendError(sc, msg);
    }
  }
}
