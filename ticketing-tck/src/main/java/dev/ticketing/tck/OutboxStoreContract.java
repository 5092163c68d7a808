package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.NotificationTemplate;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link OutboxStore} must show, as an abstract JUnit Jupiter suite: request
 * rows written with a change, resolved into one row per (notification, channel), each claimed
 * under a lease, delivered, retried, dead-lettered, listed, counted and re-driven on its own.
 *
 * <p>A store module runs it by extending this class with a few lines, as it runs {@link
 * TicketStoreContract}:
 *
 * <pre>{@code
 * class JpaOutboxStorePostgresIT extends OutboxStoreContract {
 *   @Override
 *   protected TicketStore createStore() {
 *     return newStoreOnEmptySchema();
 *   }
 * }
 * }</pre>
 *
 * <p>Conventions are those of {@link TicketStoreContract}: writes through {@link
 * TicketStore#inTransaction}, outbox calls outside one, microsecond instants, UUID ids, claims at
 * instants long after every {@code occurredAt}.
 */
public abstract class OutboxStoreContract extends StoreContractFixture {

  private static final List<String> REQUESTS = List.of(OutboxStore.RECIPIENTS);
  private static final List<String> MAIL_AND_PUSH = List.of("mail", "push");

  // ================================================================================= Requests

  /** What a change writes: request rows, due when the change happened, claimed as {@link OutboxStore#RECIPIENTS}. */
  @Nested
  public class Requests {

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
                      "dispatcher-a",
                      sent.get(0).occurredAt().minusSeconds(1),
                      LEASE,
                      10,
                      REQUESTS))
          .isEmpty();
    }
  }

  // ================================================================================= Resolution

  /** {@link OutboxStore#markResolved}: deliveries added and the request ended in one unit of work. */
  @Nested
  public class Resolution {

    @Test
    void resolvingAddsOneDeliveryPerNotificationAndChannelAndEndsTheRequest() {
      NotificationRequest r = enqueue(1).get(0);
      OutboxEntry request = outbox().claimDue("dispatcher-a", LATER, LEASE, 10, REQUESTS).get(0);
      List<OutboxEntry> deliveries =
          deliveriesOf(r, List.of("admin", "root"), MAIL_AND_PUSH, LATER);

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

  // ================================================================================= Deliveries

  /** Leased claims and outcomes of deliveries, each channel on its own. */
  @Nested
  public class Deliveries {

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
                          "dispatcher-b",
                          LATER.plus(Duration.ofHours(1)),
                          LEASE,
                          10,
                          MAIL_AND_PUSH)))
          .containsExactly(push);
    }

    @Test
    void ownerThatLostItsLeaseCanNoLongerRecordAnOutcome() {
      List<OutboxEntry> all = resolved(1, List.of("admin"), MAIL_AND_PUSH);
      outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
      Instant afterLease = LATER.plus(LEASE).plusSeconds(1);
      assertThat(outbox().claimDue("dispatcher-b", afterLease, LEASE, 10, MAIL_AND_PUSH))
          .hasSize(2);

      assertThat(
              outbox().markDelivered(idOn(all, "mail"), "dispatcher-a", afterLease.plusSeconds(1)))
          .isFalse();
      assertThat(
              outbox()
                  .markFailed(
                      idOn(all, "push"), "dispatcher-a", 1, afterLease.plusSeconds(60), "late"))
          .isFalse();

      assertThat(outbox().pendingCount()).isEqualTo(2);
      assertThat(
              outbox().markDelivered(idOn(all, "mail"), "dispatcher-b", afterLease.plusSeconds(2)))
          .isTrue();
      assertThat(outbox().markFailed(idOn(all, "push"), "dispatcher-b", 1, null, "gave up"))
          .isTrue();
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

  // ============================================================ Listing, counting, re-drive, purge

  /** What the operator sees and does. */
  @Nested
  public class Operations {

    @Test
    void listingsAreOldestFirstPerStateAndChannelWithinTheLimit() {
      List<OutboxEntry> all = resolved(3, List.of("admin"), MAIL_AND_PUSH);
      outbox().claimDue("dispatcher-a", LATER, LEASE, 10, MAIL_AND_PUSH);
      for (OutboxEntry e : all) {
        assertThat(outbox().markFailed(e.id(), "dispatcher-a", 4, null, "failed " + e.id()))
            .isTrue();
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
                          "dispatcher-b",
                          LATER.plus(Duration.ofDays(2)),
                          LEASE,
                          10,
                          MAIL_AND_PUSH)))
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

  // =============================================================================== Concurrency

  /** Claims of concurrent dispatchers never overlap. */
  @Nested
  @Timeout(120)
  public class Concurrency {

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
                              .claimDue(
                                  "dispatcher-" + i, LATER, Duration.ofMinutes(5), 3, channels);
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

  // ================================================================================== helpers

  /** {@code n} requests of a new ticket in one unit of work: ids and times ascending. */
  protected final List<NotificationRequest> enqueue(int n) {
    TicketRecord t = ticket(newId(), newId(), T0);
    tx(() -> store().insertTicket(t));
    return enqueueFor(t.id(), n);
  }

  private List<NotificationRequest> enqueueFor(String ticketId, int n) {
    List<String> ids = IntStream.range(0, n).mapToObj(i -> newId()).sorted().toList();
    List<NotificationRequest> sent = new ArrayList<>();
    List<CommentRecord> comments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String commentId = null;
      if (i % 2 == 1) {
        CommentRecord c = comment(ticketId, "ann", "Reply " + i, false, T0.plusSeconds(i + 1));
        comments.add(c);
        commentId = c.id();
      }
      sent.add(
          new NotificationRequest(
              ids.get(i),
              NotificationTemplate.TICKET_RESOLVED,
              List.of(i % 2 == 0 ? Recipient.admins() : Recipient.owner("owner-" + i)),
              ticketId,
              commentId,
              "actor-" + ticketId.substring(0, 8),
              T0.plusSeconds(i + 1),
              Map.of(
                  "ticketTitle",
                  "Printer on floor 3 is jammed",
                  "status",
                  "RESOLVED",
                  "comment",
                  "Fixed: l'imprimante 🖨️ marche")));
    }
    tx(
        () -> {
          comments.forEach(store()::insertComment);
          store().enqueue(sent);
        });
    return List.copyOf(sent);
  }

  /** One delivery row per (recipient, channel) of the request, as a dispatcher makes them. */
  protected static List<OutboxEntry> deliveriesOf(
      NotificationRequest r, List<String> recipients, List<String> channels, Instant due) {
    List<OutboxEntry> out = new ArrayList<>();
    for (String user : recipients) {
      Notification n = r.toNotification(newId(), user);
      for (String channel : channels) {
        out.add(OutboxEntry.delivery(newId(), channel, n, due));
      }
    }
    return out;
  }

  /**
   * {@code n} requests resolved for the recipients into deliveries on the channels, due at {@link
   * #LATER}; returns the deliveries, oldest request first, in channel order within one notification.
   */
  protected final List<OutboxEntry> resolved(
      int n, List<String> recipients, List<String> channels) {
    List<NotificationRequest> sent = enqueue(n);
    List<OutboxEntry> all = new ArrayList<>();
    List<OutboxEntry> claimed = outbox().claimDue("resolver", LATER, LEASE, n, REQUESTS);
    assertThat(claimed).hasSize(n);
    for (NotificationRequest r : sent) {
      List<OutboxEntry> deliveries = deliveriesOf(r, recipients, channels, LATER);
      assertThat(outbox().markResolved(r.id(), "resolver", LATER, deliveries)).isTrue();
      all.addAll(deliveries);
    }
    return all;
  }

  private static String idOn(List<OutboxEntry> entries, String channel) {
    List<OutboxEntry> on = entries.stream().filter(e -> e.channel().equals(channel)).toList();
    assertThat(on).hasSize(1);
    return on.get(0).id();
  }

  protected static List<String> entryIds(List<OutboxEntry> entries) {
    return new ArrayList<>(entries.stream().map(OutboxEntry::id).toList());
  }

  protected static NotificationRequest normalized(NotificationRequest r) {
    return new NotificationRequest(
        r.id(),
        r.template(),
        r.recipients(),
        r.ticketId(),
        r.commentId(),
        r.actorId(),
        micros(r.occurredAt()),
        r.data());
  }

  protected static Notification normalized(Notification n) {
    return new Notification(
        n.id(),
        n.template(),
        n.recipientId(),
        n.ticketId(),
        n.commentId(),
        n.actorId(),
        micros(n.occurredAt()),
        n.data());
  }

  /** Starts {@code threads} tasks at once and returns their results; any failure fails the test. */
  protected static <T> List<T> raceAll(
      int threads, java.util.function.IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> work = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return work.call();
                }));
      }
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          out.add(f.get(90, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          throw new AssertionError("a racing task failed", e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
