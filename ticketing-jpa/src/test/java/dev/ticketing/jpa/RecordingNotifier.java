package dev.ticketing.jpa;

import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A notifier that fails by a deterministic rule and records what the dispatchers did with it:
 * attempts and successes per notification id, and any id handed to it while it was still
 * delivering that id (which must never happen while leases hold).
 */
final class RecordingNotifier implements Notifier {

  /** Decides whether attempt number {@code attempt} (1-based) of a notification fails. */
  @FunctionalInterface
  interface FailureRule {
    boolean fails(String id, int attempt);

    /** About {@code percent} % of attempts fail, the same ones on every run. */
    static FailureRule percent(int percent) {
      return (id, attempt) -> Math.floorMod(mix(id.hashCode() * 0x9E3779B97F4A7C15L + attempt), 100) < percent;
    }

    /** MurmurHash3's finaliser: consecutive attempts of one id fail independently. */
    private static long mix(long h) {
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      h *= 0xc4ceb9fe1a85ec53L;
      return h ^ (h >>> 33);
    }

    static FailureRule always() {
      return (id, attempt) -> true;
    }

    static FailureRule never() {
      return (id, attempt) -> false;
    }
  }

  private final FailureRule rule;
  private final long workNanos;
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> overlapping = ConcurrentHashMap.newKeySet();

  RecordingNotifier(FailureRule rule, long workMicros) {
    this.rule = rule;
    this.workNanos = TimeUnit.MICROSECONDS.toNanos(workMicros);
  }

  @Override
  public void deliver(Notification notification) throws Exception {
    String id = notification.id();
    int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    if (!inFlight.add(id)) {
      overlapping.add(id);
    }
    try {
      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos); // widen the window in which a second holder would show
      }
      if (rule.fails(id, attempt)) {
        throw new java.io.IOException("simulated delivery failure, attempt " + attempt);
      }
      successes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    } finally {
      inFlight.remove(id);
    }
  }

  int attempts(String id) {
    AtomicInteger n = attempts.get(id);
    return n == null ? 0 : n.get();
  }

  int successes(String id) {
    AtomicInteger n = successes.get(id);
    return n == null ? 0 : n.get();
  }

  int totalAttempts() {
    return attempts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Ids that were handed to the notifier while it was still delivering them. */
  Set<String> overlapping() {
    return Set.copyOf(overlapping);
  }
}
