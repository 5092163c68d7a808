package dev.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one factory of statistics, and the one definition of "active". */
class TicketStatsTest {

  @Test
  void ofPlacesEachStatusCountAndTotalsThem() {
    Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    long n = 1;
    for (Status s : Status.values()) {
      byStatus.put(s, n++);
    }

    TicketStats stats = TicketStats.of(byStatus, 8, 9, 10);

    for (Status s : Status.values()) {
      assertThat(stats.count(s)).as("count of %s", s).isEqualTo(byStatus.get(s));
    }
    assertThat(stats).isEqualTo(new TicketStats(28, 1, 2, 3, 4, 5, 7, 6, 8, 9, 10));
  }

  @Test
  void missingStatusesCountZero() {
    assertThat(TicketStats.of(Map.of(), 0, 0, 0)).isEqualTo(TicketStats.EMPTY);
    assertThat(TicketStats.of(Map.of(Status.CLOSED, 2L), 0, 0, 0))
        .isEqualTo(new TicketStats(2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0));
  }

  @Test
  void activeStatusesAreThoseThatSayTheyAre() {
    assertThat(Status.active())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Status.values()).filter(Status::isActive).toList())
        .containsExactlyInAnyOrder(
            Status.OPEN, Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER, Status.REOPENED);
  }
}
