package dev.ticketing.testsupport;

import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The host's side of the outbox in a test: a {@link Notifier} that keeps every notification it
 * delivered, fails by a rule the test chooses, and records what the dispatchers did with it —
 * attempts and successes per notification id, and any id handed to it while it was still
 * delivering that id (which must never happen while leases hold).
 *
 * <p>A failed attempt throws {@code IOException("simulated delivery failure, attempt N")}, which
 * the outbox records as the entry's last error. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecordingNotifier implements Notifier {

  /** Decides whether attempt number {@code attempt} (1-based, per notification id) fails. */
  @FunctionalInterface
  public interface FailureRule {
    /**
     * Whether this attempt fails.
     *
     * @param notificationId the notification being delivered
     * @param attempt its attempt number on this notifier, from 1
     * @return true to throw instead of delivering
     */
    boolean fails(String notificationId, int attempt);

    /**
     * No attempt fails.
     *
     * @return the rule
     */
    static FailureRule never() {
      return (id, attempt) -> false;
    }

    /**
     * Every attempt fails: the channel is down.
     *
     * @return the rule
     */
    static FailureRule always() {
      return (id, attempt) -> true;
    }

    /**
     * The first {@code failures} attempts made on this notifier fail, whichever notifications
     * they carry; every later one succeeds. The rule counts, so give each notifier its own.
     *
     * @param failures how many attempts fail
     * @return the rule
     */
    static FailureRule first(int failures) {
      AtomicInteger calls = new AtomicInteger();
      return (id, attempt) -> calls.incrementAndGet() <= failures;
    }

    /**
     * About {@code percent} % of attempts fail: the same ones on every run.
     *
     * @param percent 0 to 100
     * @return the rule
     */
    static FailureRule percent(int percent) {
      return (id, attempt) ->
          Math.floorMod(mix(id.hashCode() * 0x9E3779B97F4A7C15L + attempt), 100) < percent;
    }

    /** MurmurHash3's finaliser: consecutive attempts of one id fail independently. */
    private static long mix(long h) {
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      h *= 0xc4ceb9fe1a85ec53L;
      return h ^ (h >>> 33);
    }
  }

  private final FailureRule rule;
  private final long workNanos;
  private final List<Notification> delivered = new ArrayList<>();
  private final AtomicInteger totalAttempts = new AtomicInteger();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> overlapping = ConcurrentHashMap.newKeySet();

  private RecordingNotifier(FailureRule rule, Duration work) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.workNanos = work.toNanos();
  }

  /**
   * A notifier whose every delivery succeeds.
   *
   * @return the notifier
   */
  public static RecordingNotifier working() {
    return new RecordingNotifier(FailureRule.never(), Duration.ZERO);
  }

  /**
   * A notifier whose first {@code failures} deliveries fail, then every one succeeds.
   *
   * @param failures how many fail
   * @return the notifier
   */
  public static RecordingNotifier failingFirst(int failures) {
    return new RecordingNotifier(FailureRule.first(failures), Duration.ZERO);
  }

  /**
   * A notifier whose every delivery fails.
   *
   * @return the notifier
   */
  public static RecordingNotifier alwaysFailing() {
    return new RecordingNotifier(FailureRule.always(), Duration.ZERO);
  }

  /**
   * A notifier that fails by {@code rule} and spends {@code work} on every attempt, which widens
   * the window in which a second dispatcher holding the same notification would show.
   *
   * @param rule which attempts fail
   * @param work time spent on each attempt
   * @return the notifier
   */
  public static RecordingNotifier failing(FailureRule rule, Duration work) {
    return new RecordingNotifier(rule, Objects.requireNonNull(work, "work"));
  }

  @Override
  public void deliver(Notification notification) throws IOException {
    String id = notification.id();
    totalAttempts.incrementAndGet();
    int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    if (!inFlight.add(id)) {
      overlapping.add(id);
    }
    try {
      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos);
      }
      if (rule.fails(id, attempt)) {
        throw new IOException("simulated delivery failure, attempt " + attempt);
      }
      successes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      synchronized (delivered) {
        delivered.add(notification);
      }
    } finally {
      inFlight.remove(id);
    }
  }

  /**
   * The notifications delivered so far, in delivery order.
   *
   * @return a copy
   */
  public List<Notification> delivered() {
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  /**
   * The notifications delivered so far, and forgets them: for asserting step by step.
   *
   * @return what was delivered since the last call
   */
  public List<Notification> take() {
    synchronized (delivered) {
      List<Notification> out = List.copyOf(delivered);
      delivered.clear();
      return out;
    }
  }

  /**
   * How many deliveries were attempted, failed or not.
   *
   * @return the count
   */
  public int attempts() {
    return totalAttempts.get();
  }

  /**
   * How many times delivery of the notification {@code id} was attempted.
   *
   * @param id the notification's id
   * @return the count
   */
  public int attempts(String id) {
    AtomicInteger n = attempts.get(id);
    return n == null ? 0 : n.get();
  }

  /**
   * How many times the notification {@code id} was delivered (more than once is a duplicate).
   *
   * @param id the notification's id
   * @return the count
   */
  public int successes(String id) {
    AtomicInteger n = successes.get(id);
    return n == null ? 0 : n.get();
  }

  /**
   * Ids that were handed to the notifier while it was still delivering them.
   *
   * @return a copy
   */
  public Set<String> overlapping() {
    return Set.copyOf(overlapping);
  }

  /**
   * Waits until a delivered notification matches {@code match} and returns it.
   *
   * @param match what to wait for
   * @param timeout how long at most
   * @return the first delivered notification that matches
   * @throws AssertionError when none did within {@code timeout}
   */
  public Notification await(Predicate<Notification> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      for (Notification n : delivered()) {
        if (match.test(n)) {
          return n;
        }
      }
      pause();
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "no matching notification within " + timeout + "; delivered " + delivered());
  }

  /**
   * Waits until at least {@code n} deliveries were attempted.
   *
   * @param n how many attempts
   * @param timeout how long at most
   * @throws AssertionError when fewer were within {@code timeout}
   */
  public void awaitAttempts(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (totalAttempts.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + totalAttempts.get() + " of " + n + " delivery attempts within " + timeout);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for deliveries", e);
    }
  }
}
