package dev.ticketing.examples.desk;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** The account name of a request's HTTP Basic credentials, when it carries well-formed ones. */
final class BasicCredentials {
  private BasicCredentials() {}

  static Optional<String> account(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
