package dev.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TicketingOptionsTest {

  @Test
  void attachmentDefaults() {
    TicketingOptions o = TicketingOptions.defaults();
    assertThat(o.keyPrefix()).isEqualTo("tickets/attachments/");
    assertThat(o.stagingPrefix()).isEqualTo("tickets/staging/");
    assertThat(o.uploadUrlExpiry()).isEqualTo(Duration.ofHours(1));
    assertThat(o.confirmationWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(o.toBuilder().build()).isEqualTo(o);
  }

  @Test
  void stagedUploadsNeverShareAPrefixWithServedFiles() {
    TicketingOptions.Builder b = TicketingOptions.defaults().toBuilder();
    assertThatThrownBy(() -> b.stagingPrefix("tickets/attachments/staging/").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stagingPrefix");
    assertThatThrownBy(() -> b.stagingPrefix("tickets/").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.stagingPrefix("uploads/").keyPrefix("").build())
        .as("an empty key prefix contains every key")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.keyPrefix("files/").stagingPrefix("").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.stagingPrefix("uploads").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> b.stagingPrefix("uploads/").confirmationWindow(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);

    TicketingOptions ok =
        TicketingOptions.defaults().toBuilder()
            .keyPrefix("files/")
            .stagingPrefix("incoming/")
            .confirmationWindow(Duration.ZERO)
            .build();
    assertThat(ok.stagingPrefix()).isEqualTo("incoming/");
  }
}
