package dev.ticketing.examples.comdeall;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The HMAC-SHA256 key of the platform's tokens, the encoder that signs them at login and the
 * decoder Spring Security's resource server checks them with (signature, expiry, issuer) on every
 * other request. Tokens carry Hasura's claims, so the same token also works against a Hasura
 * configured with this key ({@code HASURA_GRAPHQL_JWT_SECRET={"type":"HS256","key":"..."}}).
 */
@Configuration(proxyBeanMethods = false)
class TokenKeys {
  /** Hasura's claims namespace. */
  static final String HASURA_CLAIMS = "https://hasura.io/jwt/claims";

  private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
  private static final int MIN_KEY_BYTES = 32;

  /** The signing key: {@code comdeall.jwt.secret}, or a random one made now. */
  record SigningKey(SecretKey key) {}

  @Bean
  SigningKey comdeallSigningKey(ComdeallProperties properties) {
    String secret = properties.jwt().secret();
    byte[] bytes;
    if (secret == null || secret.isBlank()) {
      bytes = new byte[MIN_KEY_BYTES];
      new SecureRandom().nextBytes(bytes);
      log.warn(
          "comdeall.jwt.secret is not set: tokens are signed with a random key made at start-up and stop "
              + "working when the application stops. Set COMDEALL_JWT_SECRET (at least {} bytes) to keep them.",
          MIN_KEY_BYTES);
    } else {
      bytes = secret.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < MIN_KEY_BYTES) {
        throw new IllegalStateException(
            "comdeall.jwt.secret must be at least "
                + MIN_KEY_BYTES
                + " bytes for HMAC-SHA256, but has "
                + bytes.length);
      }
    }
    return new SigningKey(new SecretKeySpec(bytes, "HmacSHA256"));
  }

  @Bean
  JwtEncoder comdeallJwtEncoder(SigningKey key) {
    return NimbusJwtEncoder.withSecretKey(key.key()).algorithm(MacAlgorithm.HS256).build();
  }

  @Bean
  JwtDecoder comdeallJwtDecoder(SigningKey key, ComdeallProperties properties) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(key.key()).macAlgorithm(MacAlgorithm.HS256).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.jwt().issuer()));
    return decoder;
  }

  /** Issues tokens for signed-in users. */
  @Bean
  TokenIssuer comdeallTokenIssuer(JwtEncoder encoder, ComdeallProperties properties, Clock clock) {
    return user -> {
      Instant now = clock.instant();
      JwtClaimsSet claims =
          JwtClaimsSet.builder()
              .issuer(properties.jwt().issuer())
              .subject(user.id())
              .issuedAt(now)
              .expiresAt(now.plus(properties.jwt().ttl()))
              .claim(
                  HASURA_CLAIMS,
                  Map.of(
                      "x-hasura-user-id", user.id(),
                      "x-hasura-default-role", user.role(),
                      "x-hasura-allowed-roles", List.of(user.role())))
              .build();
      return encoder
          .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
          .getTokenValue();
    };
  }

  /** Makes the token of a signed-in user. */
  @FunctionalInterface
  interface TokenIssuer {
    String tokenFor(DemoUsers.User user);
  }
}
