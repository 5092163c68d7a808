package dev.ticketing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The back-off schedules, counted as retries after the first attempt: the library default and
 * Hasura's event trigger.
 */
class RetryPolicyTest {

  @Test
  void defaultDoublesFromTenSecondsUpToFifteenMinutesForTenRetries() {
    RetryPolicy p = RetryPolicy.DEFAULT;

    assertThat(p.maxRetries()).isEqualTo(10);
    assertThat(p.maxAttempts()).isEqualTo(11);
    assertThat(p.delayAfter(1)).as("before retry 1").isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(p.delayAfter(5)).isEqualTo(Duration.ofSeconds(160));
    assertThat(p.delayAfter(6)).isEqualTo(Duration.ofSeconds(320));
    assertThat(p.delayAfter(7)).isEqualTo(Duration.ofSeconds(640));
    assertThat(p.delayAfter(8)).as("1280 s is capped").isEqualTo(Duration.ofMinutes(15));
    assertThat(p.delayAfter(9)).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.delayAfter(10)).as("before retry 10").isEqualTo(Duration.ofMinutes(15));
    assertThat(p.delayAfter(11)).as("retry 10 failed: no retry is left").isNull();
    assertThat(p.delayAfter(12)).isNull();
  }

  @Test
  void hasuraIsTenRetriesTenSecondsApart() {
    RetryPolicy p = RetryPolicy.HASURA;

    assertThat(p).isEqualTo(RetryPolicy.fixed(10, Duration.ofSeconds(10)));
    int retries = 0;
    Duration waited = Duration.ZERO;
    for (int failed = 1; p.delayAfter(failed) != null; failed++) {
      assertThat(p.delayAfter(failed))
          .as("after %d failures", failed)
          .isEqualTo(Duration.ofSeconds(10));
      waited = waited.plus(p.delayAfter(failed));
      retries++;
    }
    assertThat(retries).as("num_retries: 10").isEqualTo(10);
    assertThat(waited).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void zeroRetriesMeansTheFirstFailureIsFinal() {
    assertThat(RetryPolicy.none().delayAfter(1)).isNull();
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.fixed(1, Duration.ofSeconds(10)).delayAfter(1))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryPolicy.fixed(1, Duration.ofSeconds(10)).delayAfter(2)).isNull();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> RetryPolicy.fixed(-1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.fixed(3, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 0.5, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RetryPolicy(3, Duration.ofSeconds(10), Double.NaN, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
