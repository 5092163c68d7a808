package dev.ticketing.examples.comdeall;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shared secret of the calls Hasura makes (the note event and the create-ticket action): the
 * {@code X-Hasura-Webhook-Secret} header must equal {@code comdeall.hasura.secret}. Checked from the
 * header alone, before anything reads the body; with no secret configured every call is refused.
 * The comparison takes the same time whatever the header holds.
 */
final class HasuraSecret extends OncePerRequestFilter {
  private final byte @Nullable [] expected;
  private final ResponseWriter writer;

  HasuraSecret(@Nullable String secret, ResponseWriter writer) {
    this.expected = secret == null || secret.isBlank() ? null : sha256(secret);
    this.writer = writer;
  }

  boolean configured() {
    return expected != null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(ComdeallProperties.Hasura.SECRET_HEADER);
    if (expected == null || given == null || !MessageDigest.isEqual(expected, sha256(given))) {
      writer.write(
          request,
          response,
          Failure.of(
              HttpStatus.UNAUTHORIZED,
              Failure.UNAUTHENTICATED,
              "missing or wrong " + ComdeallProperties.Hasura.SECRET_HEADER));
      return;
    }
    chain.doFilter(request, response);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
