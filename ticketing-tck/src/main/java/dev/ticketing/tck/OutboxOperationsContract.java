package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the operator sees and does.
 *
 * @since 0.1.0
 */
public abstract class OutboxOperationsContract extends OutboxContractFixture {

  @Test
  void listingsAreOldestFirstPerStateAndChannelWithinTheLimit() {
    List<OutboxEntry> all = resolved(3, List.of("admin"), MAIL_AND_PUSH);
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    for (OutboxEntry e : all) {
      assertThat(outbox().markFailed(e.id(), "dispatcher-a", 4, null, "failed " + e.id())).isTrue();
    }
    List<String> pushOldestFirst =
        entryIds(all.stream().filter(e -> e.channel().equals("push")).toList());

    assertThat(entryIds(outbox().list(OutboxState.DEAD, "push", 10)))
        .containsExactlyElementsOf(pushOldestFirst);
    assertThat(entryIds(outbox().list(OutboxState.DEAD, "push", 2)))
        .containsExactlyElementsOf(pushOldestFirst.subList(0, 2));
    assertThat(outbox().list(OutboxState.DEAD, null, 10)).hasSize(6);
    assertThat(outbox().deadLetters(10))
        .hasSize(6)
        .allSatisfy(e -> assertThat(e.lastError()).isEqualTo("failed " + e.id()));
    assertThat(outbox().list(OutboxState.PENDING, "push", 10)).isEmpty();
    assertThat(outbox().list(OutboxState.DEAD, "sms", 10)).isEmpty();
    assertThat(outbox().count(OutboxState.DEAD))
        .containsExactlyInAnyOrderEntriesOf(Map.of("mail", 3L, "push", 3L));
    assertThat(outbox().count(OutboxState.PENDING)).isEmpty();
  }

  @Test
  void redriveMakesOneDeadRowPendingAgainWithAttemptsReset() {
    List<OutboxEntry> all = resolved(1, List.of("admin"), MAIL_AND_PUSH);
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    String dead = idOn(all, "push");
    String pending = idOn(all, "mail");
    outbox().markFailed(dead, "dispatcher-a", 11, null, "gave up");
    outbox().markFailed(pending, "dispatcher-a", 1, LATER.plus(Duration.ofDays(1)), "later");
    Instant redriveAt = LATER.plus(Duration.ofHours(1));

    assertThat(outbox().redrive(dead, redriveAt)).isTrue();

    assertThat(outbox().deadCount()).isZero();
    assertThat(outbox().pendingCount()).isEqualTo(2);
    assertThat(outbox().redrive(dead, redriveAt)).isFalse();
    assertThat(outbox().redrive(pending, redriveAt)).isFalse();
    assertThat(outbox().redrive(newId(), redriveAt)).isFalse();
    assertThat(outbox().claimDue("dispatcher-b", redriveAt, LEASE, 10, MAIL_AND_PUSH))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo(dead);
              assertThat(e.attempts()).isZero();
              assertThat(e.lastError()).as("why it had died stays").isEqualTo("gave up");
            });
  }

  @Test
  void redriveAllOfAChannelLeavesTheOthersDead() {
    List<OutboxEntry> all = resolved(2, List.of("admin"), MAIL_AND_PUSH);
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    all.forEach(e -> outbox().markFailed(e.id(), "dispatcher-a", 1, null, "gave up"));
    Instant redriveAt = LATER.plus(Duration.ofHours(1));

    assertThat(outbox().redriveAll("push", redriveAt)).isEqualTo(2);
    assertThat(outbox().redriveAll("push", redriveAt)).isZero();
    assertThat(outbox().count(OutboxState.DEAD)).containsExactly(Map.entry("mail", 2L));
    assertThat(outbox().count(OutboxState.PENDING)).containsExactly(Map.entry("push", 2L));

    assertThat(outbox().redriveAll(redriveAt)).isEqualTo(2);
    assertThat(outbox().deadCount()).isZero();
    assertThat(entryIds(outbox().claimDue("dispatcher-b", redriveAt, LEASE, 10, MAIL_AND_PUSH)))
        .containsExactlyInAnyOrderElementsOf(entryIds(all));
  }

  @Test
  void purgeDeliveredDeletesOnlyDeliveredRowsOfEveryKind() {
    List<OutboxEntry> all = resolved(2, List.of("admin"), MAIL_AND_PUSH);
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    outbox().markDelivered(all.get(0).id(), "dispatcher-a", LATER.plusSeconds(1));
    outbox().markDelivered(all.get(1).id(), "dispatcher-a", LATER.plusSeconds(2));
    outbox().markFailed(all.get(2).id(), "dispatcher-a", 11, null, "gave up");

    assertThat(outbox().purgeDelivered(T0.minus(Duration.ofDays(1)))).isZero();
    // Two deliveries and the two resolved requests.
    assertThat(outbox().purgeDelivered(LATER.plus(Duration.ofDays(1)))).isEqualTo(4);
    assertThat(outbox().purgeDelivered(LATER.plus(Duration.ofDays(1)))).isZero();

    assertThat(outbox().list(OutboxState.DELIVERED, null, 10)).isEmpty();
    assertThat(outbox().pendingCount()).isEqualTo(1);
    assertThat(outbox().deadCount()).isEqualTo(1);
    assertThat(
            entryIds(
                outbox()
                    .claimDue(
                        "dispatcher-b", LATER.plus(Duration.ofDays(2)), LEASE, 10, MAIL_AND_PUSH)))
        .containsExactly(all.get(3).id());
    assertThat(entryIds(outbox().deadLetters(10))).containsExactly(all.get(2).id());
  }

  @Test
  void purgingATicketRemovesItsRequestsAndDeliveriesInEveryState() {
    List<OutboxEntry> purged = resolved(1, List.of("admin"), MAIL_AND_PUSH);
    List<OutboxEntry> kept = resolved(1, List.of("admin"), MAIL_AND_PUSH);
    String ticketId = purged.get(0).request().ticketId();
    enqueueFor(ticketId, 1);
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    outbox().markDelivered(idOn(purged, "mail"), "dispatcher-a", LATER);
    outbox().markFailed(idOn(purged, "push"), "dispatcher-a", 1, null, "gave up");

    tx(() -> store().purgeTicket(ticketId));

    assertThat(outbox().deadCount()).isZero();
    assertThat(outbox().list(OutboxState.DELIVERED, "mail", 10)).isEmpty();
    assertThat(
            outbox()
                .claimDue(
                    "dispatcher-b",
                    LATER.plus(LEASE).plusSeconds(1),
                    LEASE,
                    10,
                    List.of("mail", "push", OutboxStore.RECIPIENTS)))
        .extracting(OutboxEntry::id)
        .containsExactlyInAnyOrderElementsOf(entryIds(kept));
  }

  @Test
  void anEmptyOutboxHasNothingToDo() {
    assertThat(outbox().pendingCount()).isZero();
    assertThat(outbox().deadCount()).isZero();
    assertThat(outbox().count(OutboxState.PENDING)).isEmpty();
    assertThat(outbox().deadLetters(10)).isEmpty();
    assertThat(outbox().list(OutboxState.PENDING, null, 10)).isEmpty();
    assertThat(
            outbox()
                .claimDue(
                    "dispatcher-a", LATER, LEASE, 10, List.of("mail", OutboxStore.RECIPIENTS)))
        .isEmpty();
    assertThat(outbox().redriveAll(LATER)).isZero();
    assertThat(outbox().redriveAll("mail", LATER)).isZero();
    assertThat(outbox().purgeDelivered(LATER)).isZero();
  }
}
