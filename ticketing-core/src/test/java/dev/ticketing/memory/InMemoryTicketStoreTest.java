package dev.ticketing.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ConflictException;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.Role;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What is specific to the in-memory store: its units of work, failure injection and outbox leases.
 * The store contract itself is checked by {@code TicketStoreContract} in ticketing-tck.
 */
class InMemoryTicketStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  /** Request rows only: the stage before recipients are resolved. */
  private static final List<String> REQUESTS = List.of(OutboxStore.RECIPIENTS);

  private final InMemoryTicketStore store = new InMemoryTicketStore();

  @Nested
  class UnitsOfWork {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
      executor.shutdownNow();
    }

    @Test
    void refusesWritesOutsideAUnitOfWork() {
      assertThatThrownBy(() -> store.insertTicket(ticket("t1")))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.enqueue(List.of(notification("n1", T0))))
          .isInstanceOf(IllegalStateException.class);
      assertThat(store.ticketCount()).isZero();
    }

    @Test
    void failureAfterTheTicketWriteLeavesNoTraceOfTheUnitOfWork() {
      TicketRecord original = insert(ticket("t1"));
      store.failNextWrite("enqueue");

      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      () -> {
                        store.updateTicket(original.edit().status(Status.RESOLVED).build());
                        store.insertComment(comment("c1", "t1", false, "ext-1"));
                        store.appendAudit(audit("a1", "t1"));
                        store.enqueue(List.of(notification("n1", T0)));
                        return null;
                      }))
          .isInstanceOf(StoreUnavailableException.class);

      assertThat(store.findTicket("t1")).contains(original);
      assertThat(store.findComment("c1")).isEmpty();
      assertThat(store.findCommentByExternalId("ext-1")).isEmpty();
      assertThat(store.comments("t1", true)).isEmpty();
      assertThat(store.activity(List.of("t1"))).containsEntry("t1", Activity.NONE);
      assertThat(store.history("t1")).isEmpty();
      assertThat(store.outboxEntries()).isEmpty();
      assertThat(store.outbox().pendingCount()).isZero();
    }

    @Test
    void injectedFailureFiresOnceAndOnlyForItsWrite() {
      store.injectFailure(name -> name.equals("appendAudit"));

      insert(ticket("t1"));
      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      () -> {
                        store.appendAudit(audit("a1", "t1"));
                        return null;
                      }))
          .isInstanceOf(StoreUnavailableException.class);
      store.inTransaction(
          () -> {
            store.appendAudit(audit("a2", "t1"));
            return null;
          });

      assertThat(store.history("t1")).extracting(AuditEntry::id).containsExactly("a2");
    }

    @Test
    void rolledBackPurgeRestoresEverything() {
      insert(ticket("t1"));
      store.inTransaction(
          () -> {
            store.insertComment(comment("c1", "t1", true, "ext-1"));
            store.saveUploadGrant(grant("tickets/attachments/t1/k/a.png", "t1"));
            store.appendAudit(audit("a1", "t1"));
            return null;
          });

      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      () -> {
                        assertThat(store.purgeTicket("t1").uploadGrants())
                            .extracting(UploadGrant::objectKey)
                            .containsExactly("tickets/attachments/t1/k/a.png");
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");

      assertThat(store.findTicket("t1")).isPresent();
      assertThat(store.findCommentByExternalId("ext-1")).isPresent();
      assertThat(store.findUploadGrant("tickets/attachments/t1/k/a.png")).isPresent();
      assertThat(store.history("t1")).hasSize(1);
      assertThat(store.list(query(TicketFilter.none()))).hasSize(1);
      assertThat(store.activity(List.of("t1")).get("t1").allComments()).isEqualTo(1);
    }

    @Test
    void rolledBackClaimsAndScheduledDeletionsLeaveNoTrace() {
      insert(ticket("t1"));
      UploadGrant g = grant("tickets/attachments/t1/k/a.png", "t1");
      store.inTransaction(
          () -> {
            store.saveUploadGrant(g);
            store.scheduleObjectDeletions(List.of(new ObjectDeletion("old", T0)));
            return null;
          });

      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      () -> {
                        assertThat(
                                store.claimUploadGrant(
                                    g.objectKey(), "c1", T0, T0.plusSeconds(300)))
                            .isTrue();
                        store.scheduleObjectDeletions(
                            List.of(
                                new ObjectDeletion("new", T0),
                                new ObjectDeletion("old", T0.plusSeconds(9))));
                        assertThat(store.cancelObjectDeletions(List.of("old", "old", "none")))
                            .isEqualTo(1);
                        assertThat(store.deleteClaimedUploadGrant(g.objectKey(), "c1")).isTrue();
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");

      assertThat(store.findUploadGrant(g.objectKey())).contains(g);
      assertThat(store.scheduledObjectDeletions()).containsExactly(new ObjectDeletion("old", T0));
      // The claim was undone too: another claimant gets the grant at once.
      assertThat(
              store.inTransaction(
                  () -> store.claimUploadGrant(g.objectKey(), "c2", T0, T0.plusSeconds(300))))
          .isTrue();
      assertThat(store.inTransaction(() -> store.releaseUploadGrant(g.objectKey(), "c1")))
          .isFalse();
    }

    @Test
    void claimsAndScheduledDeletionsAreWritesOfAUnitOfWork() {
      insert(ticket("t1"));
      assertThatThrownBy(() -> store.claimUploadGrant("k", "c1", T0, T0))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.scheduleObjectDeletions(List.of()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.cancelObjectDeletions(List.of()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      () -> {
                        store.saveUploadGrant(grant("tickets/attachments/t9/k/a.png", "t9"));
                        return null;
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("t9");
    }

    @Test
    void nestedUnitOfWorkThatFailsUndoesOnlyItsOwnWrites() {
      store.inTransaction(
          () -> {
            store.insertTicket(ticket("outer"));
            try {
              store.inTransaction(
                  () -> {
                    store.insertTicket(ticket("inner"));
                    throw new IllegalStateException("inner fails");
                  });
            } catch (IllegalStateException expected) {
              // the outer work carries on, as a caller may
            }
            return null;
          });

      assertThat(store.findTicket("outer")).isPresent();
      assertThat(store.findTicket("inner")).isEmpty();
    }

    @Test
    void versionMismatchIsAConflictAndWritesNothing() {
      TicketRecord original = insert(ticket("t1"));
      TicketRecord updated =
          store.inTransaction(() -> store.updateTicket(original.edit().title("new").build()));

      assertThat(updated.version()).isEqualTo(1);
      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      () -> store.updateTicket(original.edit().title("stale").build())))
          .isInstanceOfSatisfying(
              ConflictException.class, e -> assertThat(e.ticketId()).isEqualTo("t1"));
      assertThat(store.findTicket("t1")).contains(updated);
    }

    @Test
    void readersDoNotSeeUncommittedWritesOfAnotherThread() throws Exception {
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch commit = new CountDownLatch(1);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () ->
                  store.inTransaction(
                      () -> {
                        store.insertTicket(ticket("t1"));
                        written.countDown();
                        await(commit);
                        return null;
                      }));
      assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();

      Future<Boolean> reader = executor.submit(() -> store.findTicket("t1").isPresent());
      Thread.sleep(100);
      assertThat(reader).isNotDone();

      commit.countDown();
      writer.get(5, TimeUnit.SECONDS);
      assertThat(reader.get(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Nested
  class Outbox {

    private final OutboxStore outbox = store.outbox();

    @Test
    void enqueuedEntriesArePendingAndDueWhenTheyOccurred() {
      enqueue(notification("n1", T0));

      assertThat(store.outboxEntries()).containsExactly(OutboxEntry.of(notification("n1", T0)));
      assertThat(outbox.claimDue("a", T0.minusSeconds(1), Duration.ofMinutes(1), 10, REQUESTS))
          .isEmpty();
    }

    @Test
    void leaseKeepsOtherDispatchersOffUntilItEnds() {
      enqueue(notification("n1", T0), notification("n2", T0.plusSeconds(1)));

      List<OutboxEntry> claimedByA =
          outbox.claimDue("a", T0.plusSeconds(5), Duration.ofSeconds(30), 10, REQUESTS);
      assertThat(claimedByA).extracting(e -> e.id()).containsExactly("n1", "n2");

      assertThat(outbox.claimDue("b", T0.plusSeconds(34), Duration.ofSeconds(30), 10, REQUESTS))
          .isEmpty();
      List<OutboxEntry> claimedByB =
          outbox.claimDue("b", T0.plusSeconds(35), Duration.ofSeconds(30), 1, REQUESTS);
      assertThat(claimedByB).extracting(e -> e.id()).containsExactly("n1");

      assertThat(outbox.markDelivered("n1", "a", T0.plusSeconds(36))).isFalse();
      assertThat(outbox.markFailed("n1", "a", 1, null, "late")).isFalse();
      assertThat(outbox.markDelivered("n1", "b", T0.plusSeconds(36))).isTrue();
      // A's lease on n2 has expired, but nobody took n2 over: A's outcome still counts.
      assertThat(outbox.markDelivered("n2", "a", T0.plusSeconds(36))).isTrue();
      assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void nonOwnerCannotRecordAnOutcome() {
      enqueue(notification("n1", T0));
      outbox.claimDue("a", T0, Duration.ofSeconds(30), 10, REQUESTS);

      assertThat(outbox.markDelivered("n1", "b", T0)).isFalse();
      assertThat(outbox.markFailed("n1", "b", 1, T0.plusSeconds(10), "x")).isFalse();
      assertThat(outbox.markDelivered("unknown", "a", T0)).isFalse();
      assertThat(store.outboxEntries())
          .extracting(OutboxEntry::state)
          .containsExactly(OutboxState.PENDING);
    }

    @Test
    void failedEntriesRetryThenDieAndCanBeRedriven() {
      enqueue(notification("n1", T0));
      outbox.claimDue("a", T0, Duration.ofSeconds(30), 10, REQUESTS);
      assertThat(outbox.markFailed("n1", "a", 1, T0.plusSeconds(10), "timeout")).isTrue();

      // Failing released the lease: the retry is due at retryAt, to anyone.
      assertThat(outbox.claimDue("b", T0.plusSeconds(9), Duration.ofSeconds(30), 10, REQUESTS))
          .isEmpty();
      assertThat(outbox.claimDue("b", T0.plusSeconds(10), Duration.ofSeconds(30), 10, REQUESTS))
          .hasSize(1);
      assertThat(outbox.markFailed("n1", "b", 2, null, "gave up")).isTrue();

      assertThat(outbox.deadCount()).isEqualTo(1);
      assertThat(outbox.pendingCount()).isZero();
      assertThat(outbox.deadLetters(10))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.state()).isEqualTo(OutboxState.DEAD);
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.lastError()).isEqualTo("gave up");
              });

      Instant now = T0.plusSeconds(100);
      assertThat(outbox.redrive("n1", now)).isTrue();
      assertThat(outbox.redrive("n1", now)).isFalse();
      assertThat(store.outboxEntries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.state()).isEqualTo(OutboxState.PENDING);
                assertThat(e.attempts()).isZero();
                assertThat(e.nextAttemptAt()).isEqualTo(now);
              });
      assertThat(outbox.claimDue("c", now, Duration.ofSeconds(30), 10, REQUESTS)).hasSize(1);
    }

    @Test
    void purgesOnlyDeliveredEntriesDeliveredBefore() {
      enqueue(notification("n1", T0), notification("n2", T0), notification("n3", T0));
      outbox.claimDue("a", T0, Duration.ofSeconds(30), 10, REQUESTS);
      outbox.markDelivered("n1", "a", T0.plusSeconds(1));
      outbox.markDelivered("n2", "a", T0.plusSeconds(5));

      assertThat(outbox.purgeDelivered(T0.plusSeconds(5))).isEqualTo(1);

      assertThat(store.outboxEntries()).extracting(e -> e.id()).containsExactly("n2", "n3");
    }

    @Test
    void concurrentDispatchersNeverClaimTheSameEntry() throws Exception {
      int count = 500;
      store.inTransaction(
          () -> {
            for (int i = 0; i < count; i++) {
              store.enqueue(List.of(notification("n" + i, T0)));
            }
            return null;
          });
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> claims = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
          String owner = "d" + d;
          claims.add(
              pool.submit(
                  () -> {
                    List<String> mine = new ArrayList<>();
                    List<OutboxEntry> batch;
                    while (!(batch = outbox.claimDue(owner, T0, Duration.ofMinutes(5), 7, REQUESTS))
                        .isEmpty()) {
                      for (OutboxEntry e : batch) {
                        mine.add(e.id());
                      }
                    }
                    return mine;
                  }));
        }
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : claims) {
          all.addAll(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(all).hasSize(count).doesNotHaveDuplicates();
      } finally {
        pool.shutdownNow();
      }
    }

    private void enqueue(NotificationRequest... notifications) {
      store.inTransaction(
          () -> {
            store.enqueue(List.of(notifications));
            return null;
          });
    }
  }

  @Test
  void searchesCommentTextOnlyAsFarAsAllowed() {
    insert(ticket("t1"));
    store.inTransaction(
        () -> {
          store.insertComment(comment("c1", "t1", true, null, "the SECRET plan"));
          return null;
        });
    TicketFilter secret = TicketFilter.builder().searchTerm("secret").build();

    assertThat(store.count(query(secret, CommentSearch.NONE))).isZero();
    assertThat(store.count(query(secret, CommentSearch.PUBLIC))).isZero();
    assertThat(store.count(query(secret, CommentSearch.ALL))).isEqualTo(1);
  }

  // ---- fixtures

  private TicketRecord insert(TicketRecord ticket) {
    store.inTransaction(
        () -> {
          store.insertTicket(ticket);
          return null;
        });
    return ticket;
  }

  private static TicketRecord ticket(String id) {
    return new TicketRecord(
        id,
        "co1",
        "u1",
        "Printer on fire",
        "It smokes",
        Status.OPEN,
        Priority.HIGH,
        Category.TECHNICAL,
        null,
        T0,
        T0,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  private static CommentRecord comment(
      String id, String ticketId, boolean internal, String externalId) {
    return comment(id, ticketId, internal, externalId, "a comment");
  }

  private static CommentRecord comment(
      String id, String ticketId, boolean internal, String externalId, String content) {
    return new CommentRecord(id, ticketId, "u2", content, internal, externalId, T0, T0);
  }

  private static AuditEntry audit(String id, String ticketId) {
    return new AuditEntry(id, ticketId, AuditAction.UPDATED, "u1", Role.ADMIN, T0, List.of());
  }

  private static UploadGrant grant(String key, String ticketId) {
    return new UploadGrant(
        key,
        "tickets/staging/" + key.hashCode(),
        ticketId,
        "u1",
        "a.png",
        "image/png",
        10,
        T0,
        T0.plusSeconds(3600));
  }

  private static NotificationRequest notification(String id, Instant at) {
    return new NotificationRequest(
        id,
        NotificationTemplate.NOTE_ADDED,
        List.of(Recipient.owner("u2")),
        "t1",
        null,
        "u1",
        at,
        Map.of());
  }

  private static TicketQuery query(TicketFilter filter) {
    return query(filter, CommentSearch.ALL);
  }

  private static TicketQuery query(TicketFilter filter, CommentSearch search) {
    return new TicketQuery(
        VisibilityScope.EVERYTHING, filter, search, SortOrder.NEWEST_FIRST, null, 100);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
