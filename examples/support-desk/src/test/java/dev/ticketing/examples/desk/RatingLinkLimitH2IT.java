package dev.ticketing.examples.desk;

import static dev.ticketing.examples.desk.DeskClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The signed rating link is answered without signing in: its attempts are limited per client
 * address before any token is checked ({@code desk.limits.ratings}, here 3 per hour).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "desk.limits.login.bcrypt-strength=4",
      "desk.limits.ratings.capacity=3",
      "desk.limits.ratings.period=1h",
      "ticketing.ratings.signing-key=support-desk-test-rating-key-0123456789",
      "ticketing.ratings.link-base=https://desk.example/rate?token="
    })
@Import(DeskTestConfiguration.class)
@DisplayName("(extension) rating link attempts limited per client address, on H2")
class RatingLinkLimitH2IT {

  @LocalServerPort int port;

  @Test
  @DisplayName("forged tokens are refused as such until the address's attempts run out, then 429")
  void attemptsPastTheLimitAreRefusedBeforeTheTokenIsChecked() {
    DeskClient desk = new DeskClient(port);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", "not-a-signed-token");
    body.put("score", 5);
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 4; i++) {
      last = desk.post(RatingLinkController.PATH, null, Map.of(), json(body));
      statuses.add(last.statusCode());
    }
    // Three attempts are checked (and refused for their token); the fourth is not checked at all.
    assertThat(statuses).containsExactly(400, 400, 400, 429);
    var refusal = DeskClient.read(last.body());
    assertThat(refusal.path("code").asString()).isEqualTo("RATE_LIMITED");
    assertThat(refusal.path("message").asString()).startsWith("too many rating attempts");
    long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
    // One attempt is granted again every 20 minutes.
    assertThat(retryAfter).isBetween(1L, 20L * 60);
    assertThat(refusal.path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
  }
}
