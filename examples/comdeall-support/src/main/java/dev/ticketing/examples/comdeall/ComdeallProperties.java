package dev.ticketing.examples.comdeall;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code comdeall.*} properties of the host.
 *
 * @param hasura the calls Hasura makes: the note event and the create-ticket action
 * @param jwt the tokens {@code POST /api/auth/login} issues
 * @param http limits of incoming requests
 */
@ConfigurationProperties("comdeall")
public record ComdeallProperties(
    @DefaultValue Hasura hasura, @DefaultValue Jwt jwt, @DefaultValue Http http) {

  /**
   * @param secret the shared secret Hasura sends in {@code X-Hasura-Webhook-Secret} (environment
   *     {@code COMDEALL_HASURA_SECRET}); there is no default: until it is set, every call of the
   *     webhook and the action is refused
   */
  public record Hasura(@Nullable String secret) {
    public static final String SECRET_HEADER = "X-Hasura-Webhook-Secret";

    @Override
    public String toString() {
      return "Hasura[secret=" + (secret == null || secret.isBlank() ? "unset" : "****") + "]";
    }
  }

  /**
   * @param secret the HMAC-SHA256 key tokens are signed with, at least 32 bytes (environment {@code
   *     COMDEALL_JWT_SECRET}); unset, a random key is made at start-up and tokens end with the process
   * @param issuer the tokens' {@code iss}, checked on every request
   * @param ttl how long a token is valid
   */
  public record Jwt(
      @Nullable String secret,
      @DefaultValue("comdeall-support") String issuer,
      @DefaultValue("1h") Duration ttl) {

    @Override
    public String toString() {
      return "Jwt[secret="
          + (secret == null || secret.isBlank() ? "unset" : "****")
          + ", issuer="
          + issuer
          + ", ttl="
          + ttl
          + "]";
    }
  }

  /** @param maxBodySize largest request body the API reads; larger ones are refused (413) unread */
  public record Http(@DefaultValue("64KB") DataSize maxBodySize) {}
}
