package dev.ticketing.examples.desk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shared secret of the Hasura note webhook, checked before anything reads the request body: a
 * caller without it costs the desk one header comparison, whatever it sends after the headers.
 * Runs first of all the desk's filters, for the webhook's path only.
 *
 * <p>There is no default secret. Until one is configured every call is answered 503 {@code
 * NOT_CONFIGURED}; with one, a missing or wrong {@code X-Hasura-Webhook-Secret} is 401 {@code
 * UNAUTHENTICATED}. The comparison takes the same time whatever the guess: both sides are hashed to
 * equal-length digests and compared with {@link MessageDigest#isEqual}.
 */
final class WebhookSecretFilter extends OncePerRequestFilter {
  static final String PATH = "/api/communication/support/add-note";

  private static final Logger log = LoggerFactory.getLogger(WebhookSecretFilter.class);

  private final byte @Nullable [] secretDigest;

  WebhookSecretFilter(HasuraProperties hasura) {
    String secret = hasura.webhookSecret();
    this.secretDigest = secret == null ? null : sha256(secret);
    if (secret == null) {
      log.warn(
          "desk.hasura.webhook-secret is not set: {} answers every call 503 NOT_CONFIGURED until it is"
              + " (set DESK_HASURA_WEBHOOK_SECRET)",
          PATH);
    } else if (secret.equals(HasuraProperties.PUBLISHED_DEV_SECRET)) {
      log.warn(
          """

          ***********************************************************************************
          INSECURE: the webhook secret is the dev profile's PUBLISHED value. Anyone who has
          read this repository can add notes to any ticket through {}.
          Never run the dev profile where others can reach the desk: set
          DESK_HASURA_WEBHOOK_SECRET to a random value (openssl rand -hex 32) instead.
          ***********************************************************************************""",
          PATH);
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !PATH.equals(ErrorResponses.pathOf(request));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (secretDigest == null) {
      ErrorResponses.write(
          request,
          response,
          DeskError.NOT_CONFIGURED,
          "the webhook is switched off: desk.hasura.webhook-secret is not configured",
          Map.of());
      return;
    }
    String presented = request.getHeader(HasuraProperties.SECRET_HEADER);
    if (presented == null || !MessageDigest.isEqual(secretDigest, sha256(presented))) {
      log.info(
          "webhook call refused: missing or wrong {} from {}",
          HasuraProperties.SECRET_HEADER,
          request.getRemoteAddr());
      ErrorResponses.write(
          request,
          response,
          DeskError.UNAUTHENTICATED,
          "missing or wrong " + HasuraProperties.SECRET_HEADER,
          Map.of());
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
