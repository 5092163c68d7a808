package dev.ticketing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Notification;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The signature scheme against an independent vector, and what verify refuses. */
class WebhookSignatureTest {

  static final String SECRET = "whsec_test";
  static final String BODY = "{\"id\":\"n-1\"}";
  static final Clock AT_SENDING =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  @DisplayName("v1 = hex HMAC-SHA256 over timestamp + '.' + body (vector computed outside Java)")
  void knownVector() {
    assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, BODY))
        .isEqualTo("v1=2ad863fe8c1f786b16143d2d66e8a91950eea3c3b46bfc117045cf9e84f9b8af");
  }

  @Test
  void acceptsTheRightSignatureWithinTheTolerance() {
    String sig = WebhookSignature.sign(SECRET, 1_700_000_000L, BODY);
    assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, sig, FIVE_MINUTES, AT_SENDING))
        .isTrue();
    Clock later = Clock.offset(AT_SENDING, Duration.ofMinutes(4));
    assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, sig, FIVE_MINUTES, later))
        .isTrue();
    // Secret rotation: the receiver's header may carry several signatures.
    assertThat(
            WebhookSignature.verify(
                SECRET, "1700000000", BODY, "v1=00ff, " + sig, FIVE_MINUTES, AT_SENDING))
        .isTrue();
  }

  @Test
  @DisplayName(
      "replays with an old (or future) timestamp, tampered bodies, other secrets and junk are refused")
  void refusals() {
    String sig = WebhookSignature.sign(SECRET, 1_700_000_000L, BODY);
    Clock later = Clock.offset(AT_SENDING, Duration.ofMinutes(6));
    Clock earlier = Clock.offset(AT_SENDING, Duration.ofMinutes(-6));
    assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, sig, FIVE_MINUTES, later))
        .as("stale")
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, sig, FIVE_MINUTES, earlier))
        .as("future")
        .isFalse();
    // Re-dating a captured request does not help: the timestamp is signed.
    assertThat(WebhookSignature.verify(SECRET, "1700000360", BODY, sig, FIVE_MINUTES, later))
        .as("re-dated")
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET, "1700000000", BODY.replace("n-1", "n-2"), sig, FIVE_MINUTES, AT_SENDING))
        .as("tampered")
        .isFalse();
    assertThat(WebhookSignature.verify("other", "1700000000", BODY, sig, FIVE_MINUTES, AT_SENDING))
        .as("secret")
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, null, BODY, sig, FIVE_MINUTES, AT_SENDING))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, null, FIVE_MINUTES, AT_SENDING))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, "17e8", BODY, sig, FIVE_MINUTES, AT_SENDING))
        .isFalse();
    assertThat(
            WebhookSignature.verify(SECRET, "1700000000", BODY, "v1=zz", FIVE_MINUTES, AT_SENDING))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET, "1700000000", BODY, sig.substring(3), FIVE_MINUTES, AT_SENDING))
        .as("no scheme")
        .isFalse();
  }

  @Test
  @DisplayName("the payload is valid JSON with every string escaped")
  void payloadEscaping() {
    Notification n =
        new Notification(
            "n-1",
            NotificationTemplate.COMMENT_ADDED,
            "john",
            "t-1",
            null,
            "sarah",
            Instant.parse("2025-10-07T10:30:00Z"),
            Map.of(
                "commentContent",
                "line 1\nsaid \"hi\" \\ tab\there \u0001 \u2028 ünï 😀",
                "ticketTitle",
                "T"));

    assertThat(WebhookNotifier.payload(n))
        .isEqualTo(
            "{\"id\":\"n-1\",\"type\":\"comment-added\","
                + "\"occurredAt\":\"2025-10-07T10:30:00Z\",\"notificationId\":\"n-1\",\"channel\":\"webhooks\",\"ticketId\":\"t-1\",\"commentId\":null,\"recipientId\":\"john\","
                + "\"actorId\":\"sarah\",\"data\":{\"commentContent\":\"line 1\\nsaid \\\"hi\\\" \\\\ tab\\there \\u0001 \\u2028 ünï 😀\","
                + "\"ticketTitle\":\"T\"}}");
    // Through the outbox, the id is the delivery's: unique per (notification, channel).
    assertThat(WebhookNotifier.payload(new Delivery("d-7", "hooks", 2, n)))
        .startsWith(
            "{\"id\":\"d-7\",\"type\":\"comment-added\",\"occurredAt\":\"2025-10-07T10:30:00Z\","
                + "\"notificationId\":\"n-1\",\"channel\":\"hooks\",");
  }

  @Test
  void endpointsNeedAnHttpUrlAndASecret() {
    assertThatThrownBy(() -> new WebhookNotifier.Endpoint(URI.create("ftp://example.test/x"), "s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new WebhookNotifier.Endpoint(URI.create("https://example.test/x"), " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookNotifier.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(
            new WebhookNotifier.Endpoint(
                URI.create("https://u:p@example.test/hook?token=abc"), "s3cret"))
        .hasToString("Endpoint[https://example.test/hook, timeout=PT10S]");
  }
}
