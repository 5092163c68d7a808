package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The read-your-writes memory: windows end, and forgetting a writer never ends its window early. */
class RecentWritersTest {

  static final long WINDOW = 5_000;

  @Test
  void aWriterIsRecentForItsWindowOnly() {
    RecentWriters writers = new RecentWriters(WINDOW, 10);
    writers.wrote("john", 1_000);
    assertThat(writers.recent("john", 1_000)).isTrue();
    assertThat(writers.recent("john", 5_999)).isTrue();
    assertThat(writers.recent("john", 6_000)).isFalse();
    assertThat(writers.recent("jane", 1_000)).isFalse();
    // A later write extends the window.
    writers.wrote("john", 4_000);
    assertThat(writers.recent("john", 8_999)).isTrue();
  }

  @Test
  void expiredWritersAreDropped() {
    RecentWriters writers = new RecentWriters(WINDOW, 10);
    for (int i = 0; i < 10; i++) {
      writers.wrote("w" + i, i);
    }
    writers.wrote("late", 20_000);
    assertThat(writers.size()).isEqualTo(1);
    assertThat(writers.recent("late", 20_000)).isTrue();
    assertThat(writers.recent("w1", 20_000)).isFalse();
  }

  @Test
  void pastItsCapacityEveryoneReadsThePrimaryUntilTheForgottenWindowEnds() {
    RecentWriters writers = new RecentWriters(WINDOW, 3);
    writers.wrote("a", 0);
    writers.wrote("b", 1);
    writers.wrote("c", 2);
    writers.wrote("d", 3); // "a" is forgotten within its window (until 5,000)
    assertThat(writers.size()).isEqualTo(3);
    assertThat(writers.recent("a", 4_999)).isTrue();
    assertThat(writers.recent("nobody", 4_999)).isTrue();
    assertThat(writers.recent("nobody", 5_000)).isFalse();
    assertThat(writers.recent("d", 5_000)).isTrue();
  }

  @Test
  void aZeroWindowRemembersNobody() {
    RecentWriters writers = new RecentWriters(0, 3);
    writers.wrote("a", 0);
    assertThat(writers.recent("a", 0)).isFalse();
    assertThat(writers.size()).isZero();
  }
}
