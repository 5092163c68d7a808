package dev.ticketing.tck;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.ConflictException;
import dev.ticketing.Status;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UploadGrant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Units of work: all or nothing, nested calls join, committed work is visible. */
public abstract class TransactionsContract extends StoreContractFixture {

  @Test
  void workThatThrowsRollsBackEveryWriteOfTheUnit() {
    TicketRecord t = ticket(acme, alice, T0);
    CommentRecord c = comment(t.id(), alice, "First reply", false, T0.plusSeconds(1));
    AttachmentRecord a = attachment(t.id(), c.id(), false, "log.txt", T0.plusSeconds(2));
    UploadGrant g = grant(t.id(), alice, "pending.png");
    AuditEntry e = audit(t.id(), AuditAction.CREATED, T0);
    NotificationRequest n = notification(t.id(), T0);
    IllegalStateException failure = new IllegalStateException("boom after the writes");

    Throwable thrown =
        catchThrowable(
            () ->
                store()
                    .inTransaction(
                        () -> {
                          store().insertTicket(t);
                          store().appendAudit(e);
                          store().enqueue(List.of(n));
                          store().insertComment(c);
                          store().insertAttachment(a);
                          store().saveUploadGrant(g);
                          throw failure;
                        }));

    assertThat(thrown).isSameAs(failure);
    assertThat(store().findTicket(t.id())).isEmpty();
    assertThat(store().findTickets(List.of(t.id()))).isEmpty();
    assertThat(store().history(t.id())).isEmpty();
    assertThat(store().comments(t.id(), true)).isEmpty();
    assertThat(store().findComment(c.id())).isEmpty();
    assertThat(store().attachments(t.id(), true)).isEmpty();
    assertThat(store().findUploadGrant(g.objectKey())).isEmpty();
    assertThat(store().count(everything())).isZero();
    assertThat(store().outbox().pendingCount()).isZero();
    assertThat(
            store()
                .outbox()
                .claimDue("dispatcher-a", LATER, LEASE, 10, List.of(OutboxStore.RECIPIENTS)))
        .isEmpty();
  }

  @Test
  void conflictingUpdateRollsBackTheEarlierWritesOfItsUnit() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);
    tx(() -> store().updateTicket(t.edit().title("Changed elsewhere").build()));
    CommentRecord c =
        comment(
            t.id(), ann, "Reply written before the conflicting update", false, T0.plusSeconds(5));

    Throwable thrown =
        catchThrowable(
            () ->
                tx(
                    () -> {
                      store().insertComment(c);
                      store()
                          .appendAudit(
                              audit(t.id(), AuditAction.STATUS_CHANGED, T0.plusSeconds(5)));
                      store().enqueue(List.of(notification(t.id(), T0.plusSeconds(5))));
                      store().updateTicket(t.edit().status(Status.IN_PROGRESS).build());
                    }));

    assertThat(thrown).isInstanceOf(ConflictException.class);
    assertThat(store().findComment(c.id())).isEmpty();
    assertThat(store().comments(t.id(), true)).isEmpty();
    assertThat(store().history(t.id())).isEmpty();
    assertThat(store().outbox().pendingCount()).isZero();
    assertThat(found(t.id()).title()).isEqualTo("Changed elsewhere");
  }

  @Test
  void rolledBackUpdateLeavesTheCommittedTicketAsItWas() {
    TicketRecord t = ticket(acme, alice, T0);
    insert(t);

    Throwable thrown =
        catchThrowable(
            () ->
                tx(
                    () -> {
                      store()
                          .updateTicket(
                              t.edit().title("Never committed").status(Status.RESOLVED).build());
                      throw new IllegalArgumentException("validation failed after the update");
                    }));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(found(t.id())).isEqualTo(t);
    // The version did not move either: an update from version 0 still applies.
    assertThat(tx(() -> store().updateTicket(t.edit().title("Committed").build())).version())
        .isEqualTo(1);
  }

  @Test
  void nestedUnitJoinsTheOuterOneAndRollsBackWithIt() {
    TicketRecord outer = ticket(acme, alice, T0);
    TicketRecord inner = ticket(acme, bob, T0.plusSeconds(1));
    RuntimeException failure = new RuntimeException("outer fails after the inner unit returned");

    Throwable thrown =
        catchThrowable(
            () ->
                store()
                    .inTransaction(
                        () -> {
                          store().insertTicket(outer);
                          String innerResult =
                              store()
                                  .inTransaction(
                                      () -> {
                                        store().insertTicket(inner);
                                        store()
                                            .appendAudit(
                                                audit(inner.id(), AuditAction.CREATED, T0));
                                        store().enqueue(List.of(notification(inner.id(), T0)));
                                        return "inner done";
                                      });
                          assertThat(innerResult).isEqualTo("inner done");
                          throw failure;
                        }));

    assertThat(thrown).isSameAs(failure);
    assertThat(store().findTicket(outer.id())).isEmpty();
    assertThat(store().findTicket(inner.id())).isEmpty();
    assertThat(store().history(inner.id())).isEmpty();
    assertThat(store().outbox().pendingCount()).isZero();
  }

  @Test
  void nestedUnitsCommitTogetherAndReturnTheirResults() {
    TicketRecord outer = ticket(acme, alice, T0);
    TicketRecord inner = ticket(acme, bob, T0.plusSeconds(1));

    String result =
        store()
            .inTransaction(
                () -> {
                  store().insertTicket(outer);
                  return store()
                      .inTransaction(
                          () -> {
                            store().insertTicket(inner);
                            // The inner unit sees the outer unit's uncommitted write.
                            assertThat(store().findTicket(outer.id())).isPresent();
                            return "inner:" + inner.id();
                          });
                });

    assertThat(result).isEqualTo("inner:" + inner.id());
    assertThat(found(outer.id())).isEqualTo(outer);
    assertThat(found(inner.id())).isEqualTo(inner);
  }

  @Test
  void committedUnitIsVisibleAfterwardsAlsoFromAnotherThread() throws Exception {
    TicketRecord t = ticket(acme, alice, T0);
    CommentRecord c = comment(t.id(), alice, "Hello", false, T0.plusSeconds(1));
    AuditEntry e = audit(t.id(), AuditAction.CREATED, T0);

    Integer result =
        store()
            .inTransaction(
                () -> {
                  store().insertTicket(t);
                  store().insertComment(c);
                  store().appendAudit(e);
                  store().enqueue(List.of(notification(t.id(), T0)));
                  return 42;
                });

    assertThat(result).isEqualTo(42);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<SeenFromAnotherThread> seen =
          other.submit(
              () ->
                  new SeenFromAnotherThread(
                      store().findTicket(t.id()).map(StoreContractFixture::normalized).orElse(null),
                      store().comments(t.id(), false).size(),
                      store().history(t.id()).size()));
      assertThat(seen.get(30, SECONDS)).isEqualTo(new SeenFromAnotherThread(t, 1, 1));
    } finally {
      other.shutdownNow();
    }
    assertThat(store().outbox().pendingCount()).isEqualTo(1);
  }
}
