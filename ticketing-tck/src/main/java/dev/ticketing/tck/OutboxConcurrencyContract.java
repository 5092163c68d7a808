package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Claims of concurrent dispatchers never overlap.
 *
 * @since 0.1.0
 */
@Timeout(120)
public abstract class OutboxConcurrencyContract extends OutboxContractFixture {

  @Test
  void concurrentClaimersNeverShareARow() throws Exception {
    List<OutboxEntry> all = resolved(20, List.of("admin"), MAIL_AND_PUSH);
    enqueue(10);

    List<List<String>> claims =
        raceAll(
            4,
            i ->
                () -> {
                  List<String> mine = new ArrayList<>();
                  List<String> channels = List.of("mail", "push", OutboxStore.RECIPIENTS);
                  for (int guard = 0; guard < 100; guard++) {
                    List<OutboxEntry> batch =
                        outbox()
                            .claimDue("dispatcher-" + i, LATER, Duration.ofMinutes(5), 3, channels);
                    if (batch.isEmpty()) {
                      break;
                    }
                    batch.forEach(e -> mine.add(e.id()));
                  }
                  return mine;
                });

    List<String> claimed = new ArrayList<>();
    claims.forEach(claimed::addAll);
    // Rows a claimer skipped while another was locking them are picked up here, if any.
    claimed.addAll(
        entryIds(
            outbox()
                .claimDue(
                    "sweeper",
                    LATER,
                    Duration.ofMinutes(5),
                    100,
                    List.of("mail", "push", OutboxStore.RECIPIENTS))));
    assertThat(claimed).doesNotHaveDuplicates().hasSize(all.size() + 10);
    assertThat(claimed).containsAll(entryIds(all));
  }
}
