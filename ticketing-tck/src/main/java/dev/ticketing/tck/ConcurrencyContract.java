package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.AuditAction;
import dev.ticketing.ConflictException;
import dev.ticketing.Priority;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.testsupport.Race.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No lost update; comments never conflict with ticket changes; a ticket read for a change is held
 * until its unit of work ends. (Outbox claims: {@link OutboxStoreContract}.)
 */
@Timeout(120)
public abstract class ConcurrencyContract extends StoreContractFixture {

  private static final int THREADS = 8;

  @Test
  void concurrentReadThenUpdateNeverLosesAnUpdate() throws Exception {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);

    List<Outcome<TicketRecord>> outcomes =
        race(
            THREADS,
            i ->
                () ->
                    store()
                        .inTransaction(
                            () -> {
                              TicketRecord current = store().findTicket(t.id()).orElseThrow();
                              return store()
                                  .updateTicket(
                                      current
                                          .edit()
                                          .title("Edited by thread " + i)
                                          .updatedAt(T0.plusSeconds(i + 1))
                                          .build());
                            }));

    List<TicketRecord> applied = new ArrayList<>();
    for (Outcome<TicketRecord> o : outcomes) {
      if (o.failure() == null) {
        applied.add(Objects.requireNonNull(o.value()));
      } else {
        assertThat(o.failure()).as(o.stackTrace()).isInstanceOf(ConflictException.class);
      }
    }
    assertThat(applied).isNotEmpty();
    TicketRecord stored = found(t.id());
    assertThat(stored.version()).isEqualTo(applied.size());
    assertThat(applied)
        .extracting(TicketRecord::version)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(1, applied.size()).boxed().toList());
    TicketRecord lastApplied =
        applied.stream().max(Comparator.comparingLong(TicketRecord::version)).orElseThrow();
    assertThat(stored.title()).isEqualTo(lastApplied.title());
  }

  @Test
  void commentsAddedDuringTicketUpdatesAreAllStoredAndNeverFail() throws Exception {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    int commenters = 4;
    int commentsEach = 20;
    int updates = 30;
    Set<String> written = ConcurrentHashMap.newKeySet();

    List<Outcome<Integer>> outcomes =
        race(
            commenters + 1,
            i ->
                () -> {
                  if (i == 0) {
                    for (int u = 0; u < updates; u++) {
                      int round = u;
                      store()
                          .inTransaction(
                              () -> {
                                TicketRecord current = store().findTicket(t.id()).orElseThrow();
                                return store()
                                    .updateTicket(
                                        current
                                            .edit()
                                            .priority(
                                                Priority.values()[round % Priority.values().length])
                                            .updatedAt(T0.plusSeconds(round + 1))
                                            .build());
                              });
                    }
                    return updates;
                  }
                  for (int c = 0; c < commentsEach; c++) {
                    CommentRecord comment =
                        comment(
                            t.id(),
                            i % 2 == 0 ? ann : alice,
                            "comment " + c + " from thread " + i,
                            i % 2 == 0,
                            T0.plusSeconds(1_000L * i + c).plusNanos(1_000));
                    tx(() -> store().insertComment(comment));
                    written.add(comment.id());
                  }
                  return commentsEach;
                });

    for (Outcome<Integer> o : outcomes) {
      assertThat(o.failure()).as(o.stackTrace()).isNull();
    }
    assertThat(written).hasSize(commenters * commentsEach);
    List<String> stored = store().comments(t.id(), true).stream().map(CommentRecord::id).toList();
    assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
    assertThat(found(t.id()).version()).isEqualTo(updates);
    assertThat(present(store().activity(List.of(t.id())), t.id()).allComments())
        .isEqualTo(commenters * commentsEach);
  }

  @Test
  void concurrentUnitsOfWorkOnDifferentTicketsAllCommit() throws Exception {
    List<TicketRecord> tickets =
        IntStream.range(0, THREADS)
            .mapToObj(
                i ->
                    ticket(
                        i % 2 == 0 ? acme : globex, i % 2 == 0 ? alice : carol, T0.plusSeconds(i)))
            .toList();

    List<Outcome<String>> outcomes =
        race(
            THREADS,
            i ->
                () ->
                    store()
                        .inTransaction(
                            () -> {
                              TicketRecord t = tickets.get(i);
                              store().insertTicket(t);
                              store()
                                  .appendAudit(audit(t.id(), AuditAction.CREATED, t.createdAt()));
                              store()
                                  .insertComment(
                                      comment(
                                          t.id(),
                                          t.createdBy(),
                                          "first",
                                          false,
                                          t.createdAt().plusSeconds(1)));
                              store().enqueue(List.of(notification(t.id(), t.createdAt())));
                              return t.id();
                            }));

    for (Outcome<String> o : outcomes) {
      assertThat(o.failure()).as(o.stackTrace()).isNull();
    }
    assertThat(listIds(everything()))
        .containsExactlyElementsOf(ids(tickets.stream().sorted(NEWEST_FIRST).toList()));
    assertThat(outbox().pendingCount()).isEqualTo(THREADS);
    for (TicketRecord t : tickets) {
      assertThat(store().history(t.id())).hasSize(1);
      assertThat(store().comments(t.id(), false)).hasSize(1);
    }
  }

  /**
   * The engine reads the clock for a change only after reading the ticket for the change; a ticket's
   * changes then commit in the order of their times. A store that let a second unit read the ticket
   * for a change while the first still holds it would let a later change commit first, and its
   * event overtake the earlier one.
   */
  @Test
  void aTicketReadForAChangeIsHeldUntilTheUnitOfWorkEnds() throws Exception {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TicketRecord> first =
          pool.submit(
              () ->
                  store()
                      .inTransaction(
                          () -> {
                            TicketRecord read = store().findTicketForChange(t.id()).orElseThrow();
                            held.countDown();
                            awaitQuietly(release);
                            return store()
                                .updateTicket(
                                    read.edit()
                                        .title("Changed while held")
                                        .updatedAt(T0.plusSeconds(1))
                                        .build());
                          }));
      assertThat(held.await(30, TimeUnit.SECONDS)).as("the first unit read the ticket").isTrue();
      Future<TicketRecord> second =
          pool.submit(
              () -> store().inTransaction(() -> store().findTicketForChange(t.id()).orElseThrow()));
      assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS))
          .as("a second unit reads the ticket for a change while the first holds it")
          .isInstanceOf(TimeoutException.class);
      release.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).version()).isEqualTo(1);
      TicketRecord afterwards = second.get(30, TimeUnit.SECONDS);
      assertThat(afterwards.version()).isEqualTo(1);
      assertThat(afterwards.title()).isEqualTo("Changed while held");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void readingForAChangeFindsWhatFindTicketFinds() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    assertThat(tx(() -> store().findTicketForChange(t.id()))).contains(found(t.id()));
    assertThat(tx(() -> store().findTicketForChange("no-such-ticket"))).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
