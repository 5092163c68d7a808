package dev.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which times a move stamps, clears or keeps. */
class StatusTimestampsTest {

  private static final Instant RESOLVED_AT = Instant.parse("2026-01-02T10:00:00Z");
  private static final Instant CLOSED_AT = Instant.parse("2026-01-03T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-04T10:00:00Z");
  private static final StatusTimestamps BOTH = new StatusTimestamps(RESOLVED_AT, CLOSED_AT);

  @Test
  void resolvingStampsResolvedAtAndKeepsClosedAt() {
    assertThat(StatusTimestamps.NONE.enter(Status.RESOLVED, NOW))
        .isEqualTo(new StatusTimestamps(NOW, null));
    assertThat(BOTH.enter(Status.RESOLVED, NOW)).isEqualTo(new StatusTimestamps(NOW, CLOSED_AT));
  }

  @Test
  void closingStampsClosedAtAndKeepsResolvedAt() {
    assertThat(new StatusTimestamps(RESOLVED_AT, null).enter(Status.CLOSED, NOW))
        .isEqualTo(new StatusTimestamps(RESOLVED_AT, NOW));
  }

  @Test
  void reopeningClearsBoth() {
    assertThat(BOTH.enter(Status.REOPENED, NOW)).isEqualTo(StatusTimestamps.NONE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"OPEN", "IN_PROGRESS", "WAITING_FOR_CUSTOMER", "CANCELLED"})
  void otherStatusesKeepBoth(Status target) {
    assertThat(BOTH.enter(target, NOW)).isEqualTo(BOTH);
    assertThat(StatusTimestamps.NONE.enter(target, NOW)).isEqualTo(StatusTimestamps.NONE);
  }
}
