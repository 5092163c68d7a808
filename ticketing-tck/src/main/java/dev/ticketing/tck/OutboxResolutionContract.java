package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OutboxStore#markResolved}: deliveries added and the request ended in one unit of work.
 *
 * @since 0.1.0
 */
public abstract class OutboxResolutionContract extends OutboxContractFixture {

  @Test
  void resolvingAddsOneDeliveryPerNotificationAndChannelAndEndsTheRequest() {
    NotificationRequest r = enqueue(1).get(0);
    OutboxEntry request = outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS).get(0);
    List<OutboxEntry> deliveries = deliveriesOf(r, List.of("admin", "root"), MAIL_AND_PUSH, LATER);

    assertThat(
            outbox().markResolved(request.id(), "dispatcher-a", LATER.plusSeconds(1), deliveries))
        .isTrue();

    assertThat(outbox().count(OutboxState.PENDING))
        .containsExactlyInAnyOrderEntriesOf(Map.of("mail", 2L, "push", 2L));
    assertThat(outbox().claimDue("dispatcher-b", LATER.plusSeconds(2), LEASE, 10, REQUESTS))
        .isEmpty();
    List<OutboxEntry> claimed =
        outbox().claimDue("dispatcher-b", LATER.plusSeconds(2), LEASE, 10, MAIL_AND_PUSH);
    assertThat(claimed)
        .extracting(OutboxEntry::id)
        .containsExactlyInAnyOrderElementsOf(deliveries.stream().map(OutboxEntry::id).toList());
    for (OutboxEntry e : claimed) {
      OutboxEntry expected =
          deliveries.stream().filter(d -> d.id().equals(e.id())).findFirst().orElseThrow();
      assertThat(e.channel()).isEqualTo(expected.channel());
      assertThat(e.resolvesRecipients()).isFalse();
      assertThat(e.recipientId()).isEqualTo(expected.recipientId());
      assertThat(normalized(e.notification())).isEqualTo(normalized(expected.notification()));
      assertThat(e.request().recipients()).isEmpty();
      assertThat(e.attempts()).isZero();
      assertThat(e.state()).isEqualTo(OutboxState.PENDING);
    }
    assertThat(outbox().list(OutboxState.DELIVERED, OutboxStore.RECIPIENTS, 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo(request.id());
              assertThat(e.attempts()).isOne();
            });
  }

  @Test
  void resolvingIntoNoDeliveryJustEndsTheRequest() {
    enqueue(1);
    OutboxEntry request = outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS).get(0);

    assertThat(outbox().markResolved(request.id(), "dispatcher-a", LATER, List.of())).isTrue();

    assertThat(outbox().pendingCount()).isZero();
    assertThat(
            outbox()
                .claimDue("dispatcher-b", LATER.plus(LEASE).plusSeconds(1), LEASE, 10, REQUESTS))
        .isEmpty();
  }

  @Test
  void aDispatcherThatLostTheLeaseResolvesNothing() {
    NotificationRequest r = enqueue(1).get(0);
    OutboxEntry request = outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS).get(0);
    Instant afterLease = LATER.plus(LEASE).plusSeconds(1);
    assertThat(outbox().claimDue("dispatcher-b", afterLease, LEASE, 10, REQUESTS)).hasSize(1);

    assertThat(
            outbox()
                .markResolved(
                    request.id(),
                    "dispatcher-a",
                    afterLease,
                    deliveriesOf(r, List.of("admin"), MAIL_AND_PUSH, afterLease)))
        .isFalse();
    assertThat(outbox().markResolved(newId(), "dispatcher-b", afterLease, List.of())).isFalse();

    assertThat(outbox().count(OutboxState.PENDING))
        .containsExactly(Map.entry(OutboxStore.RECIPIENTS, 1L));
    assertThat(
            outbox()
                .markResolved(
                    request.id(),
                    "dispatcher-b",
                    afterLease,
                    deliveriesOf(r, List.of("admin"), MAIL_AND_PUSH, afterLease)))
        .isTrue();
    assertThat(outbox().count(OutboxState.PENDING))
        .containsExactlyInAnyOrderEntriesOf(Map.of("mail", 1L, "push", 1L));
  }

  @Test
  void aRequestWhoseResolutionFailedIsRetriedThenDies() {
    enqueue(1);
    OutboxEntry request = outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS).get(0);
    Instant retryAt = LATER.plus(Duration.ofMinutes(1));

    assertThat(outbox().markFailed(request.id(), "dispatcher-a", 1, retryAt, "directory down"))
        .isTrue();
    assertThat(outbox().claimDue("dispatcher-b", retryAt.minusSeconds(1), LEASE, 10, REQUESTS))
        .isEmpty();
    OutboxEntry retried = outbox().claimDue("dispatcher-b", retryAt, LEASE, 10, REQUESTS).get(0);
    assertThat(retried.attempts()).isOne();
    assertThat(retried.lastError()).isEqualTo("directory down");
    assertThat(outbox().markFailed(request.id(), "dispatcher-b", 2, null, "directory still down"))
        .isTrue();

    assertThat(outbox().count(OutboxState.DEAD))
        .containsExactly(Map.entry(OutboxStore.RECIPIENTS, 1L));
    assertThat(outbox().redriveAll(OutboxStore.RECIPIENTS, LATER.plusSeconds(3_600))).isOne();
    assertThat(outbox().claimDue("dispatcher-c", LATER.plusSeconds(3_600), LEASE, 10, REQUESTS))
        .singleElement()
        .satisfies(e -> assertThat(e.attempts()).isZero());
  }
}
