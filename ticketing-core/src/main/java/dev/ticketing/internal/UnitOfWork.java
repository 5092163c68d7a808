package dev.ticketing.internal;

import dev.ticketing.ConflictException;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.TicketingException;
import dev.ticketing.spi.TicketStore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a command's writes reach the store: in one transaction, after which the dispatcher is woken
 * to deliver what the command enqueued. Around that, the two ways a write is repeated safely: an
 * idempotency key answers a repeated call with the first call's result, and a write whose intent
 * does not depend on the ticket's version is retried after losing an optimistic-locking race.
 */
final class UnitOfWork {

  // The engine logs under one name, which hosts filter on.
  private static final Logger log = LoggerFactory.getLogger(DefaultTicketService.class);

  /** Writes retried on conflict try this often before the conflict reaches the caller. */
  private static final int CONFLICT_ATTEMPTS = 5;

  private final TicketStore store;
  private final IdempotencyKeys keys;
  private final Runnable afterCommit;
  private final Enclosure enclosure;
  private final @Nullable Runnable settle;

  UnitOfWork(TicketStore store, IdempotencyKeys keys, Runnable afterCommit) {
    this(store, keys, afterCommit, Enclosure.NONE, null);
  }

  /**
   * @param settle run at the end of every unit of work, before it commits (null: nothing)
   */
  UnitOfWork(
      TicketStore store,
      IdempotencyKeys keys,
      Runnable afterCommit,
      Enclosure enclosure,
      @Nullable Runnable settle) {
    this.store = store;
    this.keys = keys;
    this.afterCommit = afterCommit;
    this.enclosure = enclosure;
    this.settle = settle;
  }

  private <T> Supplier<T> settled(Supplier<T> work) {
    Runnable s = settle;
    if (s == null) {
      return work;
    }
    return () -> {
      T result = work.get();
      s.run();
      return result;
    };
  }

  /** Runs {@code work} in one transaction, then the after-commit hook, whose failure fails nothing. */
  <T> T write(Supplier<T> work) {
    T result = enclosure.around(() -> store.inTransaction(settled(work)));
    try {
      afterCommit.run();
    } catch (RuntimeException e) {
      log.warn("after-commit hook failed; notifications stay in the outbox", e);
    }
    return result;
  }

  /** One transaction with nothing enqueued, so no hook: claims, releases, a key recorded on its own. */
  <T> T transaction(Supplier<T> work) {
    return enclosure.around(() -> store.inTransaction(settled(work)));
  }

  /**
   * A write with an optional idempotency key. Without one: the unit of work, then {@code present}
   * after commit. With one: a repeat of a recorded key answers with {@code replay} of the first
   * result and writes nothing; otherwise the key is recorded with {@code encode} of the result in
   * the same unit of work. When the unit fails and a concurrent first use of the key has committed
   * meanwhile (the unique constraint refused this one, or its change made this one invalid), the
   * answer is that first result.
   */
  <T, R> R keyed(
      IdempotencyKeys.@Nullable Key key,
      Supplier<T> work,
      Function<T, String> encode,
      Function<T, R> present,
      Function<String, R> replay) {
    if (key == null) {
      return present.apply(write(work));
    }
    String first = keys.firstResult(key);
    if (first != null) {
      return replay.apply(first);
    }
    T result;
    try {
      result =
          write(
              () -> {
                T r = work.get();
                keys.save(key, encode.apply(r));
                return r;
              });
    } catch (TicketingException e) {
      String concurrent = firstResultAfterFailure(key, e);
      if (concurrent == null) {
        throw e;
      }
      return replay.apply(concurrent);
    }
    return present.apply(result);
  }

  /** The first result recorded under {@code key}, or null. */
  @Nullable String firstResult(IdempotencyKeys.Key key) {
    return keys.firstResult(key);
  }

  /** Records a key's result; inside a unit of work, so that it commits with the write it names. */
  void save(IdempotencyKeys.Key key, String result) {
    keys.save(key, result);
  }

  /**
   * The result a concurrent first use recorded while this one failed with {@code e}; null when
   * there is none. A failure of the look-up itself is added to {@code e}, which is then thrown.
   */
  private @Nullable String firstResultAfterFailure(IdempotencyKeys.Key key, TicketingException e) {
    try {
      return keys.firstResult(key);
    } catch (RuntimeException lookup) {
      e.addSuppressed(lookup);
      throw e;
    }
  }

  /**
   * Repeats a unit of work that lost an optimistic-locking race. Used where the caller's intent
   * does not depend on the ticket's version (comments, bulk resolve): a concurrent status change
   * must not make a reply fail.
   */
  static <T> T retryOnConflict(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (ConflictException e) {
        if (attempt >= CONFLICT_ATTEMPTS) {
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  /** A short, jittered pause so that writers who collided do not collide again in step. */
  private static void backOff(int attempt) {
    long maxMillis = 5L << Math.min(attempt, 5);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while retrying", e);
    }
  }
}
