package dev.ticketing.spring.observability;

import dev.ticketing.notification.OutboxDispatcher;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spring.autoconfigure.TicketingProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of notification delivery: {@code UP} while the outbox is healthy, {@code DEGRADED} once
 * dead letters or the backlog reach their thresholds (the store itself answered, so the
 * application still works; operators should look). Details: pending, dead, thresholds, and pending
 * and dead per channel.
 *
 * @since 0.1.0
 */
public final class TicketingHealthIndicator extends AbstractHealthIndicator {
  /** Reported when delivery needs attention; maps to HTTP 200 unless the host maps it otherwise. */
  public static final Status DEGRADED =
      new Status("DEGRADED", "notification delivery needs attention");

  private final OutboxDispatcher dispatcher;
  private final TicketingProperties.Health thresholds;

  TicketingHealthIndicator(OutboxDispatcher dispatcher, TicketingProperties.Health thresholds) {
    super("ticketing health check failed");
    this.dispatcher = dispatcher;
    this.thresholds = thresholds;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, Map<String, Long>> channels = new LinkedHashMap<>();
    long pending = 0;
    long dead = 0;
    for (var e : dispatcher.counts().entrySet()) {
      long p = e.getValue().getOrDefault(OutboxState.PENDING, 0L);
      long d = e.getValue().getOrDefault(OutboxState.DEAD, 0L);
      channels.put(e.getKey(), Map.of("pending", p, "dead", d));
      pending += p;
      dead += d;
    }
    boolean degraded =
        dead >= thresholds.deadLetterThreshold() || pending >= thresholds.backlogThreshold();
    builder
        .status(degraded ? DEGRADED : Status.UP)
        .withDetail("pending", pending)
        .withDetail("dead", dead)
        .withDetail("dispatching", dispatcher.isRunning())
        .withDetail("deadLetterThreshold", thresholds.deadLetterThreshold())
        .withDetail("backlogThreshold", thresholds.backlogThreshold())
        .withDetail("channels", channels);
  }
}
