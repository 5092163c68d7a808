package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.MailStore;
import dev.ticketing.spi.MailStore.Claim;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MailStore} must show, as an abstract JUnit Jupiter suite: an inbound
 * message is claimed by one owner at a time, is never claimed again once finished, is taken over
 * when its claim expired unfinished, and the message keys of sent mails lead back to their tickets.
 * A store module runs it with a few lines:
 *
 * <pre>{@code
 * class JpaMailStorePostgresIT extends MailStoreContract {
 *   protected MailStore createStore() { return new JpaMailStore(transactionsOnAnEmptySchema()); }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public abstract class MailStoreContract {

  /** A base instant at microsecond precision. */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:00:00.123456Z");

  private static final Duration LEASE = Duration.ofMinutes(5);

  protected MailStore store;

  /** A fresh store over empty tables. */
  protected abstract MailStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  /** A key as the e-mail channel makes them: 64 hex digits. */
  protected static String key() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void aNewMessageIsClaimedOnceAndBusyForOthersWhileTheLeaseRuns() {
    String key = key();
    assertThat(store.claim(key, "poller-a", T0, LEASE)).isEqualTo(Claim.CLAIMED);
    assertThat(store.claim(key, "poller-b", T0.plusSeconds(1), LEASE)).isEqualTo(Claim.BUSY);
    assertThat(store.claim(key, "poller-a", T0.plusSeconds(2), LEASE)).isEqualTo(Claim.BUSY);
    assertThat(store.inbound(key)).as("claimed, not finished").isEmpty();
  }

  @Test
  void aFinishedMessageIsDoneForeverWithItsOutcome() {
    String key = key();
    store.claim(key, "poller-a", T0, LEASE);
    store.finish(key, "poller-a", "replied", "ticket-1", T0.plusSeconds(3));
    assertThat(store.claim(key, "poller-b", T0.plus(Duration.ofDays(30)), LEASE))
        .isEqualTo(Claim.DONE);
    MailStore.Inbound row = store.inbound(key).orElseThrow();
    assertThat(row.outcome()).isEqualTo("replied");
    assertThat(row.ticketId()).isEqualTo("ticket-1");
    assertThat(row.at()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void finishingAgainKeepsTheFirstOutcome() {
    String key = key();
    store.claim(key, "poller-a", T0, LEASE);
    store.finish(key, "poller-a", "created", "ticket-1", T0.plusSeconds(1));
    store.finish(key, "poller-b", "refused", null, T0.plusSeconds(2));
    MailStore.Inbound row = store.inbound(key).orElseThrow();
    assertThat(row.outcome()).isEqualTo("created");
    assertThat(row.ticketId()).isEqualTo("ticket-1");
  }

  @Test
  void aRefusalWithoutTicketIsKept() {
    String key = key();
    store.finish(key, "endpoint", "refused", null, T0);
    assertThat(store.inbound(key).orElseThrow().ticketId()).isNull();
    assertThat(store.claim(key, "poller-a", T0.plusSeconds(1), LEASE)).isEqualTo(Claim.DONE);
  }

  @Test
  void anExpiredClaimIsTakenOverButAnUnexpiredOneIsNot() {
    String key = key();
    store.claim(key, "poller-a", T0, LEASE);
    assertThat(store.claim(key, "poller-b", T0.plus(LEASE).minusSeconds(1), LEASE))
        .isEqualTo(Claim.BUSY);
    assertThat(store.claim(key, "poller-b", T0.plus(LEASE), LEASE)).isEqualTo(Claim.CLAIMED);
    assertThat(store.claim(key, "poller-a", T0.plus(LEASE).plusSeconds(1), LEASE))
        .as("the new lease runs from the takeover")
        .isEqualTo(Claim.BUSY);
  }

  @Test
  void aReleasedClaimIsFreeAtOnceButOnlyItsOwnerReleasesIt() {
    String key = key();
    store.claim(key, "poller-a", T0, LEASE);
    store.release(key, "poller-b");
    assertThat(store.claim(key, "poller-c", T0.plusSeconds(1), LEASE)).isEqualTo(Claim.BUSY);
    store.release(key, "poller-a");
    assertThat(store.claim(key, "poller-c", T0.plusSeconds(2), LEASE)).isEqualTo(Claim.CLAIMED);
  }

  @Test
  void releasingAFinishedMessageChangesNothing() {
    String key = key();
    store.claim(key, "poller-a", T0, LEASE);
    store.finish(key, "poller-a", "created", "t", T0);
    store.release(key, "poller-a");
    assertThat(store.claim(key, "poller-b", T0.plusSeconds(1), LEASE)).isEqualTo(Claim.DONE);
  }

  @Test
  void racingOwnersNeverBothClaimTheSameMessage() throws Exception {
    for (int round = 0; round < 5; round++) {
      String key = key();
      List<Outcome<Claim>> outcomes =
          Race.run(6, racer -> () -> store.claim(key, "poller-" + racer, T0, LEASE));
      long claimed =
          outcomes.stream().filter(o -> o.failure() == null && o.value() == Claim.CLAIMED).count();
      assertThat(claimed).as("racers that claimed, round %d: %s", round, outcomes).isEqualTo(1);
      assertThat(outcomes)
          .allSatisfy(o -> assertThat(o.failure()).as(o.ending()).isNull())
          .extracting(Outcome::value)
          .containsOnly(Claim.CLAIMED, Claim.BUSY);
    }
  }

  @Test
  void sentMessagesLeadBackToTheirTickets() {
    String first = key();
    String second = key();
    String unknown = key();
    store.recordSent(first, "ticket-1", T0);
    store.recordSent(second, "ticket-2", T0.plusSeconds(1));
    store.recordSent(first, "ticket-9", T0.plusSeconds(2)); // a retry's record: the first stands
    Map<String, String> found = store.ticketsOfSent(List.of(first, second, unknown, first));
    assertThat(found).containsOnly(Map.entry(first, "ticket-1"), Map.entry(second, "ticket-2"));
    assertThat(store.ticketsOfSent(List.of())).isEmpty();
  }
}
