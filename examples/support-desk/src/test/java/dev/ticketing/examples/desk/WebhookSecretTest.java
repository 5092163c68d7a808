package dev.ticketing.examples.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.policy.Role;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the desk says about its webhook secret at start-up, and which secrets it refuses outright. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookSecretTest {

  private static HasuraProperties secret(String secret) {
    return new HasuraProperties(secret, "admin", Role.ADMIN, Duration.ofMinutes(5));
  }

  @Test
  @DisplayName("the dev profile's published secret is announced loudly as insecure")
  void publishedSecretIsLoud(CapturedOutput output) {
    new WebhookSecretFilter(secret(HasuraProperties.PUBLISHED_DEV_SECRET));
    assertThat(output.getOut()).contains("WARN").contains("INSECURE").contains("PUBLISHED");
  }

  @Test
  @DisplayName("no secret: a warning that the webhook is off; a secret of one's own: no warning")
  void missingOrOwnSecret(CapturedOutput output) {
    new WebhookSecretFilter(secret(null));
    assertThat(output.getOut()).contains("desk.hasura.webhook-secret is not set");
    int before = output.getOut().length();
    new WebhookSecretFilter(secret("a-secret-of-our-own-1234"));
    assertThat(output.getOut().substring(before)).doesNotContain("WARN");
  }

  @Test
  @DisplayName("a blank secret means none; a short one is refused at start-up")
  void shortSecrets() {
    assertThat(secret("   ").webhookSecret()).isNull();
    assertThatThrownBy(() -> secret("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 characters");
    assertThat(secret("demo-hasura-secret").toString()).doesNotContain("demo-hasura-secret");
  }
}
