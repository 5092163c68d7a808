package dev.ticketing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The back-off schedules: the library default and seed 001's fixed Hasura interval. */
class RetryPolicyTest {

  @Test
  void defaultDoublesFromTenSecondsUpToFifteenMinutesAndStopsAfterTenAttempts() {
    RetryPolicy p = RetryPolicy.DEFAULT;

    assertThat(p.maxAttempts()).isEqualTo(10);
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(p.delayAfter(5)).isEqualTo(Duration.ofSeconds(160));
    assertThat(p.delayAfter(6)).isEqualTo(Duration.ofSeconds(320));
    assertThat(p.delayAfter(7)).isEqualTo(Duration.ofSeconds(640));
    assertThat(p.delayAfter(8)).as("1280 s is capped").isEqualTo(Duration.ofMinutes(15));
    assertThat(p.delayAfter(9)).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.delayAfter(10)).as("the tenth failure was the last attempt").isNull();
    assertThat(p.delayAfter(11)).isNull();
  }

  @Test
  void fixedIntervalWaitsTheSameAfterEveryFailure() {
    RetryPolicy p = RetryPolicy.fixed(10, Duration.ofSeconds(10));

    for (int failed = 1; failed < 10; failed++) {
      assertThat(p.delayAfter(failed)).as("after %d failures", failed).isEqualTo(Duration.ofSeconds(10));
    }
    assertThat(p.delayAfter(10)).isNull();
  }

  @Test
  void singleAttemptNeverRetries() {
    assertThat(RetryPolicy.fixed(1, Duration.ofSeconds(10)).delayAfter(1)).isNull();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> RetryPolicy.fixed(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.fixed(3, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 0.5, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
