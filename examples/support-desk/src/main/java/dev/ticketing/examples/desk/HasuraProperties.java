package dev.ticketing.examples.desk;

import dev.ticketing.policy.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code desk.hasura.*} properties of seed 001's note webhook ({@code POST
 * /api/communication/support/add-note}).
 *
 * @param webhookSecret the shared secret Hasura sends in the {@code X-Hasura-Webhook-Secret}
 *     header (configure the event trigger with that header, value from an environment variable);
 *     requests without it, or with another value, get 401; blank refuses every request
 * @param actorId the user the notes are recorded as (seed 001: an admin added the note)
 * @param actorRole that user's SDK role; a staff role
 */
@ConfigurationProperties("desk.hasura")
record HasuraProperties(
    @Nullable String webhookSecret,
    @DefaultValue("admin") String actorId,
    @DefaultValue("ADMIN") Role actorRole) {

  static final String SECRET_HEADER = "X-Hasura-Webhook-Secret";

  @Override
  public String toString() {
    return "HasuraProperties[webhookSecret=****, actorId=" + actorId + ", actorRole=" + actorRole + "]";
  }
}
