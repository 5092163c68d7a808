package dev.ticketing.spring;

import dev.ticketing.notification.OutboxDispatcher;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of notification delivery: {@code UP} while the outbox is healthy, {@code DEGRADED} once
 * dead letters or the backlog reach their thresholds (the store itself answered, so the
 * application still works; operators should look). Details: pending, dead, thresholds.
 */
public final class TicketingHealthIndicator extends AbstractHealthIndicator {
  /** Reported when delivery needs attention; maps to HTTP 200 unless the host maps it otherwise. */
  public static final Status DEGRADED = new Status("DEGRADED", "notification delivery needs attention");

  private final OutboxDispatcher dispatcher;
  private final TicketingProperties.Health thresholds;

  TicketingHealthIndicator(OutboxDispatcher dispatcher, TicketingProperties.Health thresholds) {
    super("ticketing health check failed");
    this.dispatcher = dispatcher;
    this.thresholds = thresholds;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long pending = dispatcher.outbox().pendingCount();
    long dead = dispatcher.outbox().deadCount();
    boolean degraded = dead >= thresholds.deadLetterThreshold() || pending >= thresholds.backlogThreshold();
    builder.status(degraded ? DEGRADED : Status.UP)
        .withDetail("pending", pending)
        .withDetail("dead", dead)
        .withDetail("dispatching", dispatcher.isRunning())
        .withDetail("deadLetterThreshold", thresholds.deadLetterThreshold())
        .withDetail("backlogThreshold", thresholds.backlogThreshold());
  }
}
