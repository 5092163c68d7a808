package dev.ticketing.examples.comdeall;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Tokens made outside the application: with another key, expired, or without Hasura's claims. */
final class TokensForTests {
  private TokensForTests() {}

  static String signedWith(
      String key, DemoUsers.User user, Duration validFor, boolean hasuraClaims) {
    NimbusJwtEncoder encoder =
        NimbusJwtEncoder.withSecretKey(
                new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .algorithm(MacAlgorithm.HS256)
            .build();
    Instant now = Instant.now();
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder()
            .issuer("comdeall-support")
            .subject(user.id())
            .issuedAt(validFor.isNegative() ? now.plus(validFor).minusSeconds(60) : now)
            .expiresAt(now.plus(validFor));
    if (hasuraClaims) {
      claims.claim(
          TokenKeys.HASURA_CLAIMS,
          Map.of(
              "x-hasura-user-id",
              user.id(),
              "x-hasura-default-role",
              user.role(),
              "x-hasura-allowed-roles",
              List.of(user.role())));
    }
    return encoder
        .encode(
            JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
        .getTokenValue();
  }
}
