package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leased claims and outcomes of deliveries, each channel on its own.
 *
 * @since 0.1.0
 */
public abstract class OutboxDeliveriesContract extends OutboxContractFixture {

  @Test
  void claimDueServesOnlyTheNamedChannelsAndRespectsMax() {
    List<OutboxEntry> all = resolved(3, List.of("admin"), MAIL_AND_PUSH);

    List<String> mail =
        entryIds(outbox().claimDue("dispatcher-a", LATER, LEASE, 2, List.of("mail")));
    mail.addAll(entryIds(outbox().claimDue("dispatcher-a", LATER, LEASE, 2, List.of("mail"))));
    assertThat(outbox().claimDue("dispatcher-a", LATER, LEASE, 2, List.of("mail"))).isEmpty();

    assertThat(mail)
        .containsExactlyInAnyOrderElementsOf(
            entryIds(all.stream().filter(e -> e.channel().equals("mail")).toList()));
    assertThat(outbox().claimDue("dispatcher-b", LATER, LEASE, 10, List.of("sms"))).isEmpty();
    assertThat(outbox().claimDue("dispatcher-b", LATER, LEASE, 10, MAIL_AND_PUSH))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.channel()).isEqualTo("push"));
  }

  @Test
  void liveLeaseHidesRowsFromOtherOwnersUntilItEnds() {
    List<OutboxEntry> all = resolved(2, List.of("admin"), MAIL_AND_PUSH);
    assertThat(outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH)).hasSize(4);

    assertThat(outbox().claimDue("dispatcher-b", LATER.plusSeconds(10), LEASE, 10, MAIL_AND_PUSH))
        .isEmpty();
    assertThat(outbox().claimDue("dispatcher-a", LATER.plusSeconds(10), LEASE, 10, MAIL_AND_PUSH))
        .isEmpty();
    assertThat(outbox().pendingCount()).isEqualTo(4);

    List<OutboxEntry> reclaimed =
        outbox()
            .claimDue("dispatcher-b", LATER.plus(LEASE).plusSeconds(1), LEASE, 10, MAIL_AND_PUSH);
    assertThat(entryIds(reclaimed)).containsExactlyInAnyOrderElementsOf(entryIds(all));
  }

  @Test
  void markDeliveredByTheLeaseHolderEndsTheRowOnlyOnItsChannel() {
    List<OutboxEntry> all = resolved(1, List.of("admin"), MAIL_AND_PUSH);
    String mail = idOn(all, "mail");
    String push = idOn(all, "push");
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);

    assertThat(outbox().markDelivered(mail, "dispatcher-b", LATER.plusSeconds(1))).isFalse();
    assertThat(outbox().markDelivered(newId(), "dispatcher-a", LATER.plusSeconds(1))).isFalse();
    assertThat(outbox().markDelivered(mail, "dispatcher-a", LATER.plusSeconds(1))).isTrue();
    assertThat(outbox().markDelivered(mail, "dispatcher-a", LATER.plusSeconds(2)))
        .as("once")
        .isFalse();

    assertThat(outbox().count(OutboxState.PENDING)).containsExactly(Map.entry("push", 1L));
    assertThat(outbox().list(OutboxState.DELIVERED, "mail", 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attempts()).isOne());
    assertThat(
            entryIds(
                outbox()
                    .claimDue(
                        "dispatcher-b", LATER.plus(Duration.ofHours(1)), LEASE, 10, MAIL_AND_PUSH)))
        .containsExactly(push);
  }

  @Test
  void ownerThatLostItsLeaseCanNoLongerRecordAnOutcome() {
    List<OutboxEntry> all = resolved(1, List.of("admin"), MAIL_AND_PUSH);
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    Instant afterLease = LATER.plus(LEASE).plusSeconds(1);
    assertThat(outbox().claimDue("dispatcher-b", afterLease, LEASE, 10, MAIL_AND_PUSH)).hasSize(2);

    assertThat(outbox().markDelivered(idOn(all, "mail"), "dispatcher-a", afterLease.plusSeconds(1)))
        .isFalse();
    assertThat(
            outbox()
                .markFailed(
                    idOn(all, "push"), "dispatcher-a", 1, afterLease.plusSeconds(60), "late"))
        .isFalse();

    assertThat(outbox().pendingCount()).isEqualTo(2);
    assertThat(outbox().markDelivered(idOn(all, "mail"), "dispatcher-b", afterLease.plusSeconds(2)))
        .isTrue();
    assertThat(outbox().markFailed(idOn(all, "push"), "dispatcher-b", 1, null, "gave up")).isTrue();
    assertThat(outbox().pendingCount()).isZero();
    assertThat(outbox().count(OutboxState.DEAD)).containsExactly(Map.entry("push", 1L));
  }

  @Test
  void aFailingChannelRetriesAndDiesWithoutTouchingTheOthers() {
    List<OutboxEntry> all = resolved(1, List.of("admin"), MAIL_AND_PUSH);
    String mail = idOn(all, "mail");
    String push = idOn(all, "push");
    outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
    Instant retryAt = LATER.plus(Duration.ofMinutes(10));

    assertThat(outbox().markDelivered(mail, "dispatcher-a", LATER.plusSeconds(1))).isTrue();
    assertThat(outbox().markFailed(push, "dispatcher-a", 1, retryAt, "FCM 503")).isTrue();

    assertThat(
            outbox()
                .claimDue(
                    "dispatcher-b", LATER.plus(Duration.ofMinutes(5)), LEASE, 10, MAIL_AND_PUSH))
        .isEmpty();
    OutboxEntry retried =
        outbox().claimDue("dispatcher-b", retryAt, LEASE, 10, MAIL_AND_PUSH).get(0);
    assertThat(retried.id()).isEqualTo(push);
    assertThat(retried.attempts()).isOne();
    assertThat(retried.lastError()).isEqualTo("FCM 503");
    assertThat(micros(retried.nextAttemptAt())).isEqualTo(micros(retryAt));
    assertThat(outbox().markFailed(push, "dispatcher-b", 2, null, "FCM 503 again")).isTrue();

    assertThat(outbox().count(OutboxState.DEAD)).containsExactly(Map.entry("push", 1L));
    assertThat(outbox().list(OutboxState.DEAD, "push", 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(OutboxState.DEAD);
              assertThat(e.attempts()).isEqualTo(2);
              assertThat(e.lastError()).isEqualTo("FCM 503 again");
              assertThat(e.notification().recipientId()).isEqualTo("admin");
            });
    assertThat(outbox().list(OutboxState.DEAD, "mail", 10)).isEmpty();
    assertThat(outbox().list(OutboxState.DELIVERED, "mail", 10))
        .extracting(OutboxEntry::id)
        .containsExactly(mail);
    assertThat(
            outbox()
                .claimDue(
                    "dispatcher-c", LATER.plus(Duration.ofDays(365)), LEASE, 10, MAIL_AND_PUSH))
        .isEmpty();
  }
}
