package dev.ticketing.spring;

import dev.ticketing.spi.Notification;
import dev.ticketing.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A notifier that records what it is given, optionally failing the first {@code failures} calls
 * (or all of them): the host side of the outbox in these tests.
 */
public final class RecordingNotifier implements Notifier {
  private final List<Notification> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final int failures;

  private RecordingNotifier(int failures) {
    this.failures = failures;
  }

  public static RecordingNotifier working() {
    return new RecordingNotifier(0);
  }

  public static RecordingNotifier failingFirst(int failures) {
    return new RecordingNotifier(failures);
  }

  public static RecordingNotifier alwaysFailing() {
    return new RecordingNotifier(Integer.MAX_VALUE);
  }

  @Override
  public void deliver(Notification notification) {
    if (attempts.incrementAndGet() <= failures) {
      throw new IllegalStateException("mail server down (test)");
    }
    received.add(notification);
  }

  public List<Notification> received() {
    return List.copyOf(received);
  }

  public int attempts() {
    return attempts.get();
  }

  /** Waits until a received notification matches; fails the test after the timeout. */
  public Notification await(Predicate<Notification> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Notification n : received) {
        if (match.test(n)) {
          return n;
        }
      }
      sleep(10);
    }
    throw new AssertionError("no matching notification within " + timeout + "; received " + received);
  }

  /** Waits until at least {@code n} deliveries were attempted; fails the test after the timeout. */
  public void awaitAttempts(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (attempts.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + attempts.get() + " of " + n + " delivery attempts within " + timeout);
      }
      sleep(10);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
