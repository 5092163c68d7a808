package dev.ticketing.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spi.IdempotencyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recording an idempotency key locks that key only. Deleting an expired record before the insert
 * used to run whether or not one existed; on MariaDB a delete that matches nothing locks the gap
 * where the key would go, so first uses of two keys waited for each other, and two first uses of
 * one key, each holding the gap and inserting into it, deadlocked instead of one waiting for the
 * other's commit (eight browser tabs submitting one ticket saw a conflict on retrying).
 */
class IdempotencyKeyLocksIT {

  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  private static IdempotencyRecord record(String key) {
    return new IdempotencyRecord(
        "alice", key, "createTicket", "f".repeat(64), key, T0, T0.plus(Duration.ofHours(1)));
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabase.class,
      names = {"POSTGRESQL", "MARIADB"})
  void firstUsesOfTwoKeysDoNotWaitForEachOther(TestDatabase db) throws Exception {
    db.truncate();
    JpaTicketStore store = db.newStore();
    CountDownLatch firstSaved = new CountDownLatch(1);
    CountDownLatch secondCommitted = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> first =
          pool.submit(
              () ->
                  store.inTransaction(
                      () -> {
                        store.saveIdempotencyKey(record("tab-one"));
                        firstSaved.countDown();
                        // Open until the second key has committed; false if it never does.
                        try {
                          return secondCommitted.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          return false;
                        }
                      }));
      assertThat(firstSaved.await(30, TimeUnit.SECONDS)).isTrue();
      Future<?> second =
          pool.submit(
              () -> {
                store.inTransaction(
                    () -> {
                      store.saveIdempotencyKey(record("tab-two"));
                      return null;
                    });
                secondCommitted.countDown();
              });

      assertThat(first.get(60, TimeUnit.SECONDS))
          .as("the second key committed while the first key's unit of work was open")
          .isTrue();
      second.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.findIdempotencyKey("alice", "tab-one", T0)).isPresent();
    assertThat(store.findIdempotencyKey("alice", "tab-two", T0)).isPresent();
  }
}
