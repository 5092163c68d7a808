package dev.ticketing.examples.desk;

import dev.ticketing.policy.Role;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code desk.hasura.*} properties of the Hasura note webhook ({@code POST
 * /api/communication/support/add-note}).
 *
 * @param webhookSecret the shared secret Hasura sends in the {@code X-Hasura-Webhook-Secret}
 *     header (configure the event trigger with that header, value from an environment variable);
 *     at least {@value #MIN_SECRET_LENGTH} characters. There is no default: until one is set, the
 *     endpoint answers every call 503 {@code NOT_CONFIGURED}; with one, a missing or wrong header
 *     is 401 {@code UNAUTHENTICATED}. Both before the body is read.
 * @param actorId the user the notes are recorded as (an admin added the note)
 * @param actorRole that user's SDK role; a staff role
 * @param maxClockSkew how far in the future a note's {@code created_at} may lie (the two
 *     systems' clocks differ a little); later is a validation error, so that no note can pin a
 *     ticket's last-comment time in the future
 */
@ConfigurationProperties("desk.hasura")
record HasuraProperties(
    @Nullable String webhookSecret,
    @DefaultValue("admin") String actorId,
    @DefaultValue("ADMIN") Role actorRole,
    @DefaultValue("5m") Duration maxClockSkew) {

  static final String SECRET_HEADER = "X-Hasura-Webhook-Secret";
  static final int MIN_SECRET_LENGTH = 16;

  /**
   * The secret of the {@code dev} profile. It is published (in this repository), so it protects
   * nothing: the desk says so loudly at start-up whenever it is configured.
   */
  static final String PUBLISHED_DEV_SECRET = "dev-profile-published-webhook-secret";

  HasuraProperties {
    if (webhookSecret != null && webhookSecret.isBlank()) {
      webhookSecret = null;
    }
    if (webhookSecret != null && webhookSecret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "desk.hasura.webhook-secret must have at least "
              + MIN_SECRET_LENGTH
              + " characters (use a random value, for example `openssl rand -hex 32`)");
    }
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("desk.hasura.max-clock-skew must not be negative");
    }
  }

  @Override
  public String toString() {
    return "HasuraProperties[webhookSecret=****, actorId="
        + actorId
        + ", actorRole="
        + actorRole
        + ", maxClockSkew="
        + maxClockSkew
        + "]";
  }
}
