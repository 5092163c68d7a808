package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SlaStandingTest {

  private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
  private static final Instant WARN = START.plus(Duration.ofHours(3));
  private static final Instant DUE = START.plus(Duration.ofHours(4));
  private static final Duration NANO = Duration.ofNanos(1);

  private static SlaClock active(@Nullable Instant warn) {
    return new SlaClock(
        SlaTarget.RESOLUTION,
        1,
        ClockState.ACTIVE,
        "p",
        null,
        Duration.ofHours(4),
        Duration.ZERO,
        START,
        START,
        null,
        DUE,
        warn);
  }

  private static SlaClock paused(Instant stoppedAt, @Nullable Instant dueAt) {
    return new SlaClock(
        SlaTarget.RESOLUTION,
        1,
        ClockState.PAUSED,
        "p",
        null,
        Duration.ofHours(4),
        Duration.between(START, stoppedAt),
        START,
        null,
        stoppedAt,
        dueAt,
        WARN);
  }

  private static SlaClock fulfilled(Instant at) {
    return new SlaClock(
        SlaTarget.FIRST_RESPONSE,
        1,
        ClockState.FULFILLED,
        "p",
        null,
        Duration.ofHours(4),
        Duration.between(START, at),
        START,
        null,
        at,
        DUE,
        WARN);
  }

  @Test
  void anActiveClockIsOnTrackUntilItsWarningTimeAtRiskFromItAndBreachedFromItsDueTime() {
    SlaClock k = active(WARN);
    assertThat(SlaStanding.of(List.of(k), WARN.minus(NANO))).isEqualTo(SlaStanding.ON_TRACK);
    assertThat(SlaStanding.of(List.of(k), WARN)).isEqualTo(SlaStanding.AT_RISK);
    assertThat(SlaStanding.of(List.of(k), DUE.minus(NANO))).isEqualTo(SlaStanding.AT_RISK);
    assertThat(SlaStanding.of(List.of(k), DUE)).isEqualTo(SlaStanding.BREACHED);
  }

  @Test
  void atRiskIsTheMomentTheSchedulerRaisesTheWarning() {
    SlaClock k = active(WARN);
    for (Instant now : List.of(WARN.minus(NANO), WARN, DUE.minus(NANO))) {
      assertThat(SlaStanding.of(List.of(k), now) == SlaStanding.AT_RISK)
          .as("%s", now)
          .isEqualTo(k.warned(now) && !k.breached(now));
    }
  }

  @Test
  void aClockWithoutWarningsGoesFromOnTrackToBreached() {
    SlaClock k = active(null);
    assertThat(SlaStanding.of(List.of(k), DUE.minus(NANO))).isEqualTo(SlaStanding.ON_TRACK);
    assertThat(SlaStanding.of(List.of(k), DUE)).isEqualTo(SlaStanding.BREACHED);
  }

  @Test
  void aPausedClockIsPausedEvenPastItsWarningUnlessItPausedAfterBreaching() {
    SlaClock shortOfGoal = paused(WARN.plus(Duration.ofMinutes(10)), null);
    assertThat(SlaStanding.of(List.of(shortOfGoal), DUE.plus(Duration.ofDays(3))))
        .isEqualTo(SlaStanding.PAUSED);
    SlaClock pastGoal = paused(DUE.plus(Duration.ofMinutes(10)), DUE);
    assertThat(SlaStanding.of(List.of(pastGoal), DUE.plus(Duration.ofMinutes(20))))
        .isEqualTo(SlaStanding.BREACHED);
  }

  @Test
  void metClocksCountOnlyWhenMetLate() {
    assertThat(SlaStanding.of(List.of(fulfilled(DUE.minus(NANO))), DUE.plus(Duration.ofDays(1))))
        .isEqualTo(SlaStanding.NONE);
    assertThat(SlaStanding.of(List.of(fulfilled(DUE)), DUE.plus(Duration.ofDays(1))))
        .isEqualTo(SlaStanding.BREACHED);
    assertThat(SlaStanding.of(List.of(), DUE)).isEqualTo(SlaStanding.NONE);
  }

  @Test
  void theWorstClockDecides() {
    Instant now = WARN;
    SlaClock atRisk = active(WARN);
    SlaClock paused = paused(START.plus(Duration.ofHours(1)), null);
    SlaClock metInTime = fulfilled(START.plus(Duration.ofHours(1)));
    assertThat(SlaStanding.of(List.of(paused, metInTime, atRisk), now))
        .isEqualTo(SlaStanding.AT_RISK);
    assertThat(SlaStanding.of(List.of(paused, metInTime), now)).isEqualTo(SlaStanding.PAUSED);
    assertThat(SlaStanding.of(List.of(paused, active(null)), now)).isEqualTo(SlaStanding.ON_TRACK);
    assertThat(SlaStanding.of(List.of(atRisk, fulfilled(DUE)), DUE.plus(Duration.ofHours(1))))
        .isEqualTo(SlaStanding.BREACHED);
  }
}
