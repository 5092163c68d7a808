package dev.ticketing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plain e-mail address as a recipient: its token, its validation, what it may receive. */
class AutomationAddressRecipientTest {

  @Test
  void anAddressRoundTripsThroughItsToken() {
    Recipient r = Recipient.address("billing-lead@example.com");
    assertThat(r.token()).isEqualTo("address:billing-lead@example.com");
    assertThat(Recipient.parse(r.token())).isEqualTo(r);
    assertThatThrownBy(() -> Recipient.address("not an address"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAddressIsHeldToTheCustomersRuleAndNeverGetsInternalNoteContent() {
    assertThat(
            RecipientResolution.mayReachAddress(request(NotificationTemplate.INTERNAL_NOTE_ADDED)))
        .isFalse();
    assertThat(RecipientResolution.mayReachAddress(request(NotificationTemplate.NOTE_ADDED)))
        .isTrue();
    assertThat(
            RecipientResolution.mayReachAddress(
                request(new NotificationTemplate("automation-notice"))))
        .isTrue();
  }

  private static NotificationRequest request(NotificationTemplate template) {
    return new NotificationRequest(
        "r1",
        template,
        List.of(Recipient.address("billing-lead@example.com")),
        "t1",
        null,
        "admin",
        Instant.parse("2026-03-02T09:00:00Z"),
        Map.of("commentContent", "text"));
  }
}
