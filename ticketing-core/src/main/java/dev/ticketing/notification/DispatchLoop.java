package dev.ticketing.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's background thread and its lifecycle: rounds while there is work, housekeeping
 * between them, a pause of one poll interval unless woken after a commit, and a shutdown that lets
 * the row in hand finish and then delivers what is due for a short while.
 *
 * <p>Closing is idempotent: a second close while closed does nothing (no second final round
 * against a store that may be shutting down); starting again after a close reopens it.
 */
final class DispatchLoop {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** How long to wait for the row in hand to finish when closing. */
  private static final long JOIN_MILLIS = 10_000;

  private final IntSupplier round;
  private final String threadName;
  private final Duration pollInterval;
  private final Clock clock;
  private final @Nullable Runnable housekeeping;
  private final Duration housekeepingInterval;
  private final Duration finalRoundsBudget;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean woken;
  private volatile boolean running;
  private boolean closed;
  private @Nullable Thread worker;
  private @Nullable Instant lastHousekeeping;

  DispatchLoop(
      IntSupplier round,
      String threadName,
      Duration pollInterval,
      Clock clock,
      @Nullable Runnable housekeeping,
      Duration housekeepingInterval,
      Duration finalRoundsBudget) {
    this.round = round;
    this.threadName = threadName;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.housekeeping = housekeeping;
    this.housekeepingInterval = housekeepingInterval;
    this.finalRoundsBudget = finalRoundsBudget;
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    closed = false;
    Thread t = new Thread(this::loop, threadName);
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  void wake() {
    lock.lock();
    try {
      woken = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isRunning() {
    return running;
  }

  void close() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      t = worker;
      worker = null;
    }
    wake();
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    finalRounds();
  }

  private void loop() {
    while (running) {
      try {
        while (running && round.getAsInt() > 0) {
          // keep going while there is work
        }
        housekeep();
        awaitWake();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The outbox itself failed (database down...): nothing is lost, rows stay pending.
        log.warn("Outbox dispatch round failed; retrying after {}", pollInterval, e);
        try {
          awaitWake();
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Runs the housekeeping task when its interval has passed (the first time right away). */
  private void housekeep() {
    Runnable task = housekeeping;
    if (task == null) {
      return;
    }
    Instant now = clock.instant();
    Instant last = lastHousekeeping;
    if (last != null && now.isBefore(last.plus(housekeepingInterval))) {
      return;
    }
    lastHousekeeping = now;
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("Ticketing housekeeping failed; trying again in {}", housekeepingInterval, e);
    }
  }

  private void awaitWake() throws InterruptedException {
    lock.lock();
    try {
      if (!woken && running) {
        wakeUp.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      }
      woken = false;
    } finally {
      lock.unlock();
    }
  }

  private void finalRounds() {
    long deadline = System.nanoTime() + finalRoundsBudget.toNanos();
    try {
      while (System.nanoTime() < deadline && round.getAsInt() > 0) {
        // keep going while there is work and time
      }
    } catch (RuntimeException e) {
      // The outbox is unreachable at shutdown: the rows stay pending for the next start.
      log.warn("Final delivery round on close failed; pending notifications stay in the outbox", e);
    }
  }
}
