package dev.ticketing.spring.observability;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spi.OutboxState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as Micrometer meters: {@code ticketing.outbox.pending} and {@code
 * ticketing.outbox.dead} gauges per channel (tag {@code channel}: every channel the dispatcher
 * serves and {@code recipients}), and {@code ticketing.directory.failures} (tag {@code during}:
 * {@code view} or {@code recipients}).
 *
 * <p>One scrape reads every gauge; the counts come from one query per state, kept for {@link
 * #CACHE} so that a scrape does not query once per gauge.
 *
 * @since 0.1.0
 */
public final class TicketingOutboxMetrics implements MeterBinder {

  /** How long one reading of the outbox counts serves the gauges. */
  public static final Duration CACHE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(TicketingOutboxMetrics.class);

  private final OutboxDispatcher dispatcher;
  private final @Nullable DirectoryFailures directoryFailures;
  private final Clock clock;
  private volatile @Nullable Snapshot snapshot;

  private record Snapshot(Instant at, Map<String, Map<OutboxState, Long>> counts) {}

  TicketingOutboxMetrics(
      OutboxDispatcher dispatcher, @Nullable DirectoryFailures directoryFailures, Clock clock) {
    this.dispatcher = dispatcher;
    this.directoryFailures = directoryFailures;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Set<String> channels = new TreeSet<>(dispatcher.channels());
    channels.add(dev.ticketing.spi.OutboxStore.RECIPIENTS);
    for (String channel : channels) {
      Gauge.builder("ticketing.outbox.pending", this, m -> m.count(channel, OutboxState.PENDING))
          .description(
              "Outbox rows waiting for delivery (or, for channel recipients, for their recipients)")
          .tag("channel", channel)
          .register(registry);
      Gauge.builder("ticketing.outbox.dead", this, m -> m.count(channel, OutboxState.DEAD))
          .description("Outbox rows that used up their retries, until re-driven")
          .tag("channel", channel)
          .register(registry);
    }
    DirectoryFailures failures = directoryFailures;
    if (failures != null) {
      FunctionCounter.builder("ticketing.directory.failures", failures, DirectoryFailures::views)
          .description("Directory failures the engine carried on through")
          .tag("during", "view")
          .register(registry);
      FunctionCounter.builder(
              "ticketing.directory.failures", failures, DirectoryFailures::recipients)
          .description("Directory failures the engine carried on through")
          .tag("during", "recipients")
          .register(registry);
    }
  }

  private double count(String channel, OutboxState state) {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s == null || !now.isBefore(s.at().plus(CACHE)) || now.isBefore(s.at())) {
      try {
        s = new Snapshot(now, dispatcher.counts());
      } catch (RuntimeException e) {
        log.debug("Cannot count the outbox for the metrics", e);
        return Double.NaN;
      }
      snapshot = s;
    }
    return s.counts().getOrDefault(channel, Map.of()).getOrDefault(state, 0L);
  }

  /** Forgets the cached counts (tests, or after an operator action). */
  void refresh() {
    snapshot = null;
  }
}
