package dev.ticketing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden table: calendars × event sequences → each clock's state, counted time, breach and
 * warning. Every row holds twice: the minute-stepping {@link MinuteReference} computes its expected
 * outcome (so the table is what the rules say, not what the implementation happens to do), and
 * {@link SlaTimeline} on {@link BusinessCalendar} gives the same. The hand-checked rows were worked
 * out on paper first (docs/sla.md walks through them).
 */
class SlaGoldenTableTest {

  static Stream<GoldenCase> rows() throws IOException {
    List<GoldenCase> rows = new ArrayList<>();
    rows.addAll(read("golden-handchecked.csv"));
    rows.addAll(read("golden-generated.csv"));
    return rows.stream();
  }

  @Test
  void theTableHasAtLeastThreeHundredRowsOverBothZonesChangeNights() throws IOException {
    List<GoldenCase> all = rows().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(300);
    // Both directions of both zones' changes appear among the start days.
    String text = String.join("\n", all.stream().map(GoldenCase::events).toList());
    assertThat(text)
        .contains("2026-03-29T01:", "2026-10-25T02:", "2026-03-08T01:", "2026-11-01T01:");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theReferenceGivesTheRecordedOutcome(GoldenCase row) {
    assertThat(
            GoldenCase.format(
                MinuteReference.run(row.configuration(), row.parsedEvents()), row.zone()))
        .isEqualTo(row.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theTimelineGivesTheRecordedOutcome(GoldenCase row) {
    SlaConfiguration config = row.configuration();
    SlaState state = new SlaTimeline(config).replay(row.parsedEvents());
    Instant last = row.lastEventAt();
    List<MinuteReference.Outcome> outcomes = new ArrayList<>();
    for (SlaClock k : state.clocks()) {
      Duration counted = k.counted(last, config.workingTime(k.calendarId()));
      assertThat(counted.toSeconds() % 60).as("whole minutes").isZero();
      outcomes.add(
          new MinuteReference.Outcome(
              k.target(), k.cycle(), k.state(), counted.toMinutes(), k.breachAt(), k.warningAt()));
    }
    assertThat(GoldenCase.format(outcomes, row.zone())).isEqualTo(row.expected());
  }

  private static List<GoldenCase> read(String name) throws IOException {
    List<GoldenCase> rows = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(SlaGoldenTableTest.class.getResourceAsStream(name), name);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(GoldenCase.parse(line));
        }
      }
    }
    return rows;
  }
}
