package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.TicketRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a change writes: request rows, due when the change happened, claimed as {@link OutboxStore#RECIPIENTS}.
 *
 * @since 0.1.0
 */
public abstract class OutboxRequestsContract extends OutboxContractFixture {

  @Test
  void requestsRoundTripWithTheirRecipientsAndContent() {
    List<NotificationRequest> sent = enqueue(3);

    List<OutboxEntry> claimed = outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS);

    assertThat(claimed)
        .extracting(e -> normalized(e.request()))
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(claimed)
        .allSatisfy(
            e -> {
              assertThat(e.id()).isEqualTo(e.request().id());
              assertThat(e.channel()).isEqualTo(OutboxStore.RECIPIENTS);
              assertThat(e.resolvesRecipients()).isTrue();
              assertThat(e.recipientId()).isNull();
              assertThat(e.state()).isEqualTo(OutboxState.PENDING);
              assertThat(e.attempts()).isZero();
              assertThat(e.lastError()).isNull();
              assertThat(micros(e.nextAttemptAt())).isEqualTo(micros(e.request().occurredAt()));
            });
    assertThat(outbox().count(OutboxState.PENDING))
        .containsExactly(Map.entry(OutboxStore.RECIPIENTS, 3L));
    assertThat(outbox().pendingCount()).isEqualTo(3);
    assertThat(outbox().deadCount()).isZero();
  }

  @Test
  void everyKindOfRecipientRoundTrips() {
    TicketRecord t = ticket(newId(), newId(), T0);
    NotificationRequest r =
        new NotificationRequest(
            newId(),
            NotificationTemplate.COMMENT_ADDED,
            List.of(
                Recipient.admins(),
                Recipient.owner("john"),
                Recipient.assignee("sarah.support@example.com"),
                Recipient.user("user:42")),
            t.id(),
            null,
            "mike",
            T0,
            Map.of());
    tx(
        () -> {
          store().insertTicket(t);
          store().enqueue(List.of(r));
        });

    assertThat(outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS))
        .singleElement()
        .satisfies(
            e -> assertThat(e.request().recipients()).containsExactlyElementsOf(r.recipients()));
  }

  @Test
  void requestsAreNotClaimedByDispatchersThatDoNotResolveRecipients() {
    enqueue(2);

    assertThat(outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH)).isEmpty();
    assertThat(outbox().claimDue("dispatcher-a", LATER, LEASE, 10, List.of())).isEmpty();
    assertThat(outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS)).hasSize(2);
  }

  @Test
  void requestsAreNotDueBeforeTheirChangeHappened() {
    List<NotificationRequest> sent = enqueue(1);

    assertThat(
            outbox()
                .claimDue(
                    "dispatcher-a", sent.get(0).occurredAt().minusSeconds(1), LEASE, 10, REQUESTS))
        .isEmpty();
  }
}
