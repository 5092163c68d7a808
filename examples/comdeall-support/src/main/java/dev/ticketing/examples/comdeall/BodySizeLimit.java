package dev.ticketing.examples.comdeall;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code comdeall.http.max-body-size} (default 64 KB): at once when the
 * declared length is larger, and while reading when a body without a declared length grows past it,
 * so no endpoint ever reads more. Runs after Spring Security, so that callers without a token or
 * the webhook secret are turned away before any size is looked at.
 */
final class BodySizeLimit extends OncePerRequestFilter {
  private final long maxBytes;
  private final ResponseWriter writer;

  BodySizeLimit(long maxBytes, ResponseWriter writer) {
    this.maxBytes = maxBytes;
    this.writer = writer;
  }

  /** What a body over the limit is answered with; thrown from the body's stream while it is read. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final long maxBytes;

    TooLarge(long maxBytes) {
      super("the request body is larger than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }

    Failure failure() {
      return Failure.of(
          HttpStatus.CONTENT_TOO_LARGE,
          Failure.PAYLOAD_TOO_LARGE,
          "the request body is larger than " + maxBytes + " bytes");
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      writer.write(request, response, new TooLarge(maxBytes).failure());
      return;
    }
    chain.doFilter(new Capped(request, maxBytes), response);
  }

  /** The request with a body stream that fails once more than the limit was read. */
  private static final class Capped extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws TooLarge {
                read += n;
                if (read > maxBytes) {
                  throw new TooLarge(maxBytes);
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
