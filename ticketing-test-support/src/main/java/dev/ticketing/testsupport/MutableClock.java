package dev.ticketing.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A UTC clock a test moves by hand, to expire grants, leases and idempotency keys or drive retry
 * back-off without waiting. Three kinds:
 *
 * <ul>
 *   <li>{@link #ticking} moves one microsecond on every reading, so the instants a service stamps
 *       stay distinct and ordered (a microsecond is the precision SQL timestamp columns keep);
 *   <li>{@link #frozen} reads the same instant until the test advances it;
 *   <li>{@link #followingSystemTime} reads the system clock plus whatever the test advanced it by,
 *       for code that also talks to a server that checks times by its own clock.
 * </ul>
 *
 * <p>Thread-safe: a dispatcher may read it while the test advances it.
 *
 * @since 0.1.0
 */
public final class MutableClock extends Clock {
  private static final long TICK_NANOS = 1_000;

  private final boolean followsSystem;
  private final long tickNanos;
  private final AtomicReference<@Nullable Runnable> beforeNextReading = new AtomicReference<>();

  /** The instant to read next, or the offset from system time (as an instant after the epoch). */
  private Instant now;

  private MutableClock(Instant start, long tickNanos, boolean followsSystem) {
    this.now = start;
    this.tickNanos = tickNanos;
    this.followsSystem = followsSystem;
  }

  /**
   * A clock at {@code start} that moves one microsecond every time it is read.
   *
   * @param start the first reading
   * @return the clock
   */
  public static MutableClock ticking(Instant start) {
    return new MutableClock(Objects.requireNonNull(start, "start"), TICK_NANOS, false);
  }

  /**
   * {@link #ticking(Instant)} at an ISO-8601 instant such as {@code 2026-03-02T09:00:00Z}.
   *
   * @param isoInstant the first reading, in ISO-8601
   * @return the clock
   */
  public static MutableClock ticking(String isoInstant) {
    return ticking(Instant.parse(isoInstant));
  }

  /**
   * A clock that reads {@code start} until the test {@linkplain #advance advances} it.
   *
   * @param start the reading until then
   * @return the clock
   */
  public static MutableClock frozen(Instant start) {
    return new MutableClock(Objects.requireNonNull(start, "start"), 0, false);
  }

  /**
   * The system clock, shifted by everything the test {@linkplain #advance advanced} it by.
   *
   * @return the clock
   */
  public static MutableClock followingSystemTime() {
    return new MutableClock(Instant.EPOCH, 0, true);
  }

  /**
   * Moves the clock forward (or back, for a negative duration).
   *
   * @param by how far
   */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  /**
   * Runs {@code hook} once, just before the next reading: to make something happen exactly
   * between two steps of the code under test that each read the clock.
   *
   * @param hook what happens then
   */
  public void beforeNextReading(Runnable hook) {
    beforeNextReading.set(Objects.requireNonNull(hook, "hook"));
  }

  @Override
  public Instant instant() {
    Runnable hook = beforeNextReading.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    synchronized (this) {
      if (followsSystem) {
        return Instant.now().plus(Duration.between(Instant.EPOCH, now));
      }
      now = now.plusNanos(tickNanos);
      return now;
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Unsupported: the library reads instants only, and a second clock would not move with this one. */
  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is UTC only");
  }
}
