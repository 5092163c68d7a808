package dev.ticketing.notification;

import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications from an {@link OutboxStore} through a {@link Notifier}: at least once,
 * retrying failures with back-off per the {@link RetryPolicy}, then leaving them as dead letters for
 * an operator to re-drive.
 *
 * <p>Runs either in the background ({@link #start()}: one daemon thread that polls every {@link
 * Settings#pollInterval()} and is woken early by {@link #wake()} after each commit) or on demand
 * ({@link #dispatchDue()}, for tests and hosts with their own scheduler). Several dispatchers, in
 * one process or in many, may share an outbox: each row is leased to one of them at a time.
 *
 * <p>A notifier that throws or hangs never affects ticket operations: they only write the outbox.
 */
public final class OutboxDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final Notifier notifier;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Settings settings;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean woken;
  private volatile boolean running;
  private @Nullable Thread worker;

  /**
   * How a dispatcher works.
   *
   * @param owner the name this dispatcher claims rows under; unique per instance
   * @param lease how long a claimed row stays with this dispatcher before others may take it over
   * @param batchSize rows claimed per round
   * @param pollInterval pause between rounds when nothing woke the dispatcher
   */
  public record Settings(String owner, Duration lease, int batchSize, Duration pollInterval) {
    public Settings {
      Objects.requireNonNull(owner, "owner");
      if (lease.isNegative() || lease.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("lease and pollInterval must be positive");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be positive");
      }
    }

    /** A unique owner name, a 5-minute lease, batches of 50, a poll every second. */
    public static Settings defaults() {
      return new Settings("dispatcher-" + UUID.randomUUID(), Duration.ofMinutes(5), 50, Duration.ofSeconds(1));
    }

    public Settings withOwner(String v) { return new Settings(v, lease, batchSize, pollInterval); }

    public Settings withLease(Duration v) { return new Settings(owner, v, batchSize, pollInterval); }

    public Settings withBatchSize(int v) { return new Settings(owner, lease, v, pollInterval); }

    public Settings withPollInterval(Duration v) { return new Settings(owner, lease, batchSize, v); }
  }

  public OutboxDispatcher(OutboxStore outbox, Notifier notifier, RetryPolicy retry, Clock clock, Settings settings) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * One round: claims the due notifications (one batch), delivers each and records the outcome.
   *
   * @return how many notifications were attempted
   */
  public int dispatchDue() {
    Instant claimedAt = clock.instant();
    List<OutboxEntry> claimed = outbox.claimDue(settings.owner(), claimedAt, settings.lease(), settings.batchSize());
    // Stop short of the lease's end: past it another dispatcher may hold the rest of the batch.
    Instant deadline = claimedAt.plus(settings.lease().multipliedBy(9).dividedBy(10));
    int attempted = 0;
    for (OutboxEntry entry : claimed) {
      if (clock.instant().isAfter(deadline)) {
        log.warn("Lease running out: leaving {} claimed notifications to the next round", claimed.size() - attempted);
        break;
      }
      deliver(entry);
      attempted++;
    }
    return attempted;
  }

  /** Rounds until a round finds nothing due; returns how many notifications were attempted. */
  public int drain() {
    int total = 0;
    for (int n; (n = dispatchDue()) > 0; ) {
      total += n;
    }
    return total;
  }

  private void deliver(OutboxEntry entry) {
    var notification = entry.notification();
    int attempts = entry.attempts() + 1;
    try {
      notifier.deliver(notification);
    } catch (VirtualMachineError e) {
      throw e; // the JVM is in trouble; the row's lease runs out and any dispatcher retries it
    } catch (Exception | Error e) {
      // Any other Error (an AssertionError in the host's mail code...) is a failed attempt too:
      // thrown out of here it would end the background thread and strand the outbox.
      Duration delay = retry.delayAfter(attempts);
      Instant retryAt = delay == null ? null : clock.instant().plus(delay);
      String error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      if (!outbox.markFailed(notification.id(), settings.owner(), attempts, retryAt, truncate(error))) {
        log.warn("Lost the lease on notification {} while it failed; another dispatcher retries it", notification.id());
      } else if (retryAt == null) {
        log.error("Notification {} ({}) is a dead letter after {} attempts: {}",
            notification.id(), notification.template(), attempts, error);
      } else {
        log.warn("Notification {} ({}) failed, attempt {} of {}; retrying at {}: {}",
            notification.id(), notification.template(), attempts, retry.maxAttempts(), retryAt, error);
      }
      return;
    }
    if (!outbox.markDelivered(notification.id(), settings.owner(), clock.instant())) {
      // Delivered, but the lease had passed to another dispatcher, which may deliver it again:
      // at-least-once, and the receiver drops the duplicate by the notification id.
      log.warn("Delivered notification {} after losing its lease; it may be delivered twice", notification.id());
    }
  }

  private static String truncate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000);
  }

  // ---- background operation

  /** Starts the background thread; does nothing when already started. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread t = new Thread(this::loop, "ticketing-outbox-" + settings.owner());
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  /** Asks the background thread for a round now (called after each commit). */
  public void wake() {
    lock.lock();
    try {
      woken = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        while (running && dispatchDue() > 0) {
          // keep going while there is work
        }
        awaitWake();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The outbox itself failed (database down...): nothing is lost, rows stay pending.
        log.warn("Outbox dispatch round failed; retrying after {}", settings.pollInterval(), e);
        try {
          awaitWake();
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void awaitWake() throws InterruptedException {
    lock.lock();
    try {
      if (!woken && running) {
        wakeUp.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      }
      woken = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the background thread, letting the notification in hand finish (waits up to 10 s), then
   * delivers what is due for at most {@link #FINAL_ROUNDS_BUDGET} more, so that a short-lived
   * program does not lose the notifications of its last changes (an in-memory outbox dies with the
   * process). Claimed rows not yet attempted stay claimed until their lease ends, then any
   * dispatcher takes them.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = worker;
      worker = null;
    }
    wake();
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    finalRounds();
  }

  /** How long {@link #close()} keeps delivering what is due after the background thread stopped. */
  public static final Duration FINAL_ROUNDS_BUDGET = Duration.ofSeconds(5);

  private void finalRounds() {
    long deadline = System.nanoTime() + FINAL_ROUNDS_BUDGET.toNanos();
    try {
      while (System.nanoTime() < deadline && dispatchDue() > 0) {
        // keep going while there is work and time
      }
    } catch (RuntimeException e) {
      // The outbox is unreachable at shutdown: the rows stay pending for the next start.
      log.warn("Final delivery round on close failed; pending notifications stay in the outbox", e);
    }
  }

  // ---- operator API

  /** Dead letters with their last error, oldest first. */
  public List<OutboxEntry> deadLetters(int limit) {
    return outbox.deadLetters(limit);
  }

  /** Re-drives one dead letter; false when it is not dead. */
  public boolean redrive(String notificationId) {
    boolean done = outbox.redrive(notificationId, clock.instant());
    if (done) {
      wake();
    }
    return done;
  }

  /** Re-drives every dead letter; returns how many. */
  public int redriveAll() {
    int n = outbox.redriveAll(clock.instant());
    if (n > 0) {
      wake();
    }
    return n;
  }

  /**
   * Deletes delivered notifications older than {@code olderThan} (by the dispatcher's clock), to
   * keep the outbox small; pending notifications and dead letters are never touched. Schedule it,
   * for example daily with {@code Duration.ofDays(30)}.
   *
   * @return how many were deleted
   */
  public int purgeDelivered(Duration olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative");
    }
    int n = outbox.purgeDelivered(clock.instant().minus(olderThan));
    if (n > 0) {
      log.info("Purged {} delivered notifications older than {}", n, olderThan);
    }
    return n;
  }

  /** The outbox this dispatcher serves. */
  public OutboxStore outbox() {
    return outbox;
  }
}
