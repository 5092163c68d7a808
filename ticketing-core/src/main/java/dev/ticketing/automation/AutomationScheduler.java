package dev.ticketing.automation;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs time rules: every {@link AutomationSettings#schedulerInterval()} once {@linkplain #start()
 * started}, or on demand ({@link #fireDue()}). Each round fires every enabled time rule on every
 * ticket where it is due, at most once per (rule, ticket, cycle); any number of schedulers, in this
 * process or others on the same database, may run at once (claims skip what another holds, and a
 * firing is recorded once).
 *
 * @since 0.2
 */
public final class AutomationScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AutomationScheduler.class);

  /** One round of the engine. */
  @FunctionalInterface
  public interface Round {
    /** Fires what is due now; returns how many times rules fired. */
    int fireDue();
  }

  private final Round round;
  private final Duration interval;
  private @Nullable ScheduledExecutorService executor;

  public AutomationScheduler(Round round, Duration interval) {
    this.round = Objects.requireNonNull(round, "round");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  /** One round now; returns how many times rules fired. */
  public int fireDue() {
    return round.fireDue();
  }

  /** Starts rounds on a daemon thread of its own. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ticketing-automation-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    long every = interval.toMillis();
    ex.scheduleWithFixedDelay(this::roundQuietly, every, every, TimeUnit.MILLISECONDS);
    executor = ex;
  }

  private void roundQuietly() {
    try {
      fireDue();
    } catch (RuntimeException e) {
      log.warn("automation round failed; trying again in {}", interval, e);
    }
  }

  /** Stops the rounds (a round under way finishes). */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdown();
      executor = null;
    }
  }
}
