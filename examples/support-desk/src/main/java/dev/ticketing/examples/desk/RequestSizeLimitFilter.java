package dev.ticketing.examples.desk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body any endpoint takes ({@code desk.limits.http.max-request-size}), enforced
 * before anything parses the body. A request that declares a larger {@code Content-Length} is
 * answered 413 {@code PAYLOAD_TOO_LARGE} without reading a byte of it. A chunked request (no length)
 * is read up to the limit and no further: past it, 413; within it, the application reads the bytes
 * already taken. Either way no more than the limit is ever held for one request, and the
 * connection is closed after a refusal so that the container does not read the rest either.
 *
 * <p>The inbound mail endpoint ({@link InboundMailController#PATH}) is exempt: raw messages carry
 * attachments, so its limit is the e-mail channel's own ({@code ticketing.email.max-message-size}).
 * A larger declared length is refused here the same way; a chunked message is not buffered here
 * (before anyone signed in) but read by the endpoint, at most up to that limit, once the caller is
 * known to be an admin.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {
  private final long maxBytes;
  private final LongSupplier maxMailBytes;

  /**
   * @param maxMailBytes the largest raw message the inbound mail endpoint takes (asked for each of
   *     its requests: the e-mail channel is made after the filters)
   */
  RequestSizeLimitFilter(DeskLimits limits, LongSupplier maxMailBytes) {
    this.maxBytes = limits.http().maxRequestSize().toBytes();
    this.maxMailBytes = maxMailBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (InboundMailController.PATH.equals(ErrorResponses.pathOf(request))) {
      long max = maxMailBytes.getAsLong();
      if (declared > max) {
        refuse(request, response, max);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (declared > maxBytes) {
      refuse(request, response, maxBytes);
      return;
    }
    if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
      if (body.length > maxBytes) {
        refuse(request, response, maxBytes);
        return;
      }
      chain.doFilter(new ReadBody(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, long max)
      throws IOException {
    response.setHeader(HttpHeaders.CONNECTION, "close");
    ErrorResponses.write(
        request,
        response,
        DeskError.PAYLOAD_TOO_LARGE,
        "the request body is larger than " + max + " bytes",
        Map.of("maxBytes", max));
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
  }

  /** A request whose body has been read (within the limit) and is served from memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body has already been read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
