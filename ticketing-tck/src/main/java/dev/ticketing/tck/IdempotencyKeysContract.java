package dev.ticketing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ticketing.ConflictException;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.testsupport.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients' idempotency keys: recorded in the write's unit of work, per actor, unique (a second
 * unexpired record of one key is a conflict, also between concurrent units of work), forgotten
 * when expired, purged.
 */
@Timeout(120)
public abstract class IdempotencyKeysContract extends StoreContractFixture {

  private IdempotencyRecord record(
      String actorId, String key, String result, Instant createdAt, Duration retention) {
    return new IdempotencyRecord(
        actorId, key, "createTicket", "f".repeat(64), result, createdAt, createdAt.plus(retention));
  }

  private IdempotencyRecord normalizedRecord(IdempotencyRecord r) {
    return new IdempotencyRecord(
        r.actorId(),
        r.key(),
        r.operation(),
        r.fingerprint(),
        r.result(),
        micros(r.createdAt()),
        micros(r.expiresAt()));
  }

  @Test
  void aSavedKeyIsFoundUntilItExpires() {
    IdempotencyRecord r = record(alice, "3f1c-retry-key", newId(), T0, Duration.ofHours(24));
    assertThat(store().findIdempotencyKey(alice, r.key(), T0)).isEmpty();

    tx(() -> store().saveIdempotencyKey(r));

    assertThat(
            store()
                .findIdempotencyKey(alice, r.key(), T0.plusSeconds(1))
                .map(this::normalizedRecord))
        .contains(r);
    assertThat(
            store()
                .findIdempotencyKey(
                    alice, r.key(), T0.plus(Duration.ofHours(24)).minusNanos(1_000)))
        .isPresent();
    assertThat(store().findIdempotencyKey(alice, r.key(), T0.plus(Duration.ofHours(24))))
        .as("expired")
        .isEmpty();
    assertThat(store().findIdempotencyKey(alice, "3F1C-RETRY-KEY", T0.plusSeconds(1)))
        .as("keys are case-sensitive")
        .isEmpty();
  }

  @Test
  void keysAreScopedPerActor() {
    tx(
        () ->
            store()
                .saveIdempotencyKey(record(alice, "same-key", "alice's", T0, Duration.ofHours(1))));
    tx(() -> store().saveIdempotencyKey(record(bob, "same-key", "bob's", T0, Duration.ofHours(1))));

    assertThat(store().findIdempotencyKey(alice, "same-key", T0).map(IdempotencyRecord::result))
        .contains("alice's");
    assertThat(store().findIdempotencyKey(bob, "same-key", T0).map(IdempotencyRecord::result))
        .contains("bob's");
    assertThat(store().findIdempotencyKey(carol, "same-key", T0)).isEmpty();
  }

  @Test
  void savingAnUnexpiredKeyAgainIsAConflictAndKeepsTheFirst() {
    tx(() -> store().saveIdempotencyKey(record(alice, "once", "first", T0, Duration.ofHours(1))));

    Throwable thrown =
        catchThrowable(
            () ->
                tx(
                    () ->
                        store()
                            .saveIdempotencyKey(
                                record(
                                    alice,
                                    "once",
                                    "second",
                                    T0.plusSeconds(60),
                                    Duration.ofHours(1)))));

    assertThat(thrown).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) thrown).retryable()).isTrue();
    assertThat(
            store()
                .findIdempotencyKey(alice, "once", T0.plusSeconds(61))
                .map(IdempotencyRecord::result))
        .contains("first");
  }

  @Test
  void anExpiredKeyIsReplacedBySavingItAgain() {
    tx(
        () ->
            store().saveIdempotencyKey(record(alice, "daily", "monday", T0, Duration.ofHours(24))));
    Instant tuesday = T0.plus(Duration.ofHours(25));

    tx(
        () ->
            store()
                .saveIdempotencyKey(
                    record(alice, "daily", "tuesday", tuesday, Duration.ofHours(24))));

    assertThat(
            store()
                .findIdempotencyKey(alice, "daily", tuesday.plusSeconds(1))
                .map(IdempotencyRecord::result))
        .contains("tuesday");
  }

  @Test
  void aKeyCommitsAndRollsBackWithItsUnitOfWork() {
    TicketRecord t = ticket(acme, alice, T0);
    RuntimeException failure =
        new IllegalStateException("the write failed after the key was saved");

    assertThat(
            catchThrowable(
                () ->
                    tx(
                        () -> {
                          store().insertTicket(t);
                          store()
                              .saveIdempotencyKey(
                                  record(alice, "atomic", t.id(), T0, Duration.ofHours(1)));
                          throw failure;
                        })))
        .isSameAs(failure);

    assertThat(store().findIdempotencyKey(alice, "atomic", T0)).isEmpty();
    assertThat(store().findTicket(t.id())).isEmpty();
    tx(
        () -> {
          store().insertTicket(t);
          store().saveIdempotencyKey(record(alice, "atomic", t.id(), T0, Duration.ofHours(1)));
        });
    assertThat(store().findIdempotencyKey(alice, "atomic", T0).map(IdempotencyRecord::result))
        .contains(t.id());
  }

  @Test
  void longKeysAndLongResultsRoundTrip() {
    StringBuilder visible = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) {
      visible.append(c);
    }
    String key = (visible.toString() + visible + visible).substring(0, 255);
    String outcomes =
        IntStream.range(0, 100)
            .mapToObj(i -> newId() + "=ALREADY_RESOLVED\n")
            .collect(Collectors.joining());
    IdempotencyRecord r =
        new IdempotencyRecord(
            admin,
            key,
            "resolveTickets",
            "0".repeat(64),
            outcomes,
            T0,
            T0.plus(Duration.ofHours(24)));

    tx(() -> store().saveIdempotencyKey(r));

    assertThat(store().findIdempotencyKey(admin, key, T0).map(this::normalizedRecord)).contains(r);
  }

  @Test
  void purgeDeletesExactlyTheExpiredRecords() {
    tx(
        () -> {
          store().saveIdempotencyKey(record(alice, "old-1", "x", T0, Duration.ofHours(1)));
          store().saveIdempotencyKey(record(bob, "old-2", "x", T0, Duration.ofHours(2)));
          store().saveIdempotencyKey(record(alice, "fresh", "x", T0, Duration.ofHours(48)));
        });

    assertThat(store().purgeIdempotencyKeys(T0.plusSeconds(60))).isZero();
    assertThat(store().purgeIdempotencyKeys(T0.plus(Duration.ofHours(3)))).isEqualTo(2);
    assertThat(store().purgeIdempotencyKeys(T0.plus(Duration.ofHours(3)))).isZero();

    assertThat(store().findIdempotencyKey(alice, "fresh", T0.plus(Duration.ofHours(3))))
        .isPresent();
    // Saving a purged key again is a first use.
    tx(
        () ->
            store()
                .saveIdempotencyKey(
                    record(
                        alice,
                        "old-1",
                        "again",
                        T0.plus(Duration.ofHours(3)),
                        Duration.ofHours(1))));
    assertThat(
            store()
                .findIdempotencyKey(alice, "old-1", T0.plus(Duration.ofHours(3)))
                .map(IdempotencyRecord::result))
        .contains("again");
  }

  @Test
  void concurrentFirstUsesOfOneKeyCommitOnce() throws Exception {
    List<TicketRecord> tickets =
        IntStream.range(0, 6).mapToObj(i -> ticket(acme, alice, T0.plusSeconds(i))).toList();

    List<Outcome<String>> outcomes =
        race(
            tickets.size(),
            i ->
                () ->
                    store()
                        .inTransaction(
                            () -> {
                              TicketRecord t = tickets.get(i);
                              store().insertTicket(t);
                              store()
                                  .saveIdempotencyKey(
                                      record(alice, "raced", t.id(), T0, Duration.ofHours(1)));
                              return t.id();
                            }));

    List<String> committed = new ArrayList<>();
    for (Outcome<String> o : outcomes) {
      if (o.failure() == null) {
        committed.add(o.value());
      } else {
        assertThat(o.failure()).as(o.stackTrace()).isInstanceOf(ConflictException.class);
      }
    }
    assertThat(committed).hasSize(1);
    assertThat(store().findIdempotencyKey(alice, "raced", T0).map(IdempotencyRecord::result))
        .contains(committed.get(0));
    assertThat(store().count(everything()))
        .as("the losers' writes rolled back with their keys")
        .isOne();
  }
}
