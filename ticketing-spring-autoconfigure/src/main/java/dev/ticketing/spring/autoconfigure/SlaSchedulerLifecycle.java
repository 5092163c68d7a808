package dev.ticketing.spring.autoconfigure;

import dev.ticketing.escalation.SlaScheduler;

/**
 * Runs the SLA scheduler with the application (see {@link BackgroundWorkLifecycle}), in the outbox
 * dispatcher's phase; stopping lets a round in progress finish. Where no service levels are
 * configured, or this instance does not raise alerts, it never starts the scheduler.
 */
final class SlaSchedulerLifecycle extends BackgroundWorkLifecycle {
  private final SlaScheduler scheduler;
  private final boolean active;

  SlaSchedulerLifecycle(SlaScheduler scheduler, boolean active) {
    this.scheduler = scheduler;
    this.active = active;
  }

  /** Whether it starts the scheduler. */
  boolean active() {
    return active;
  }

  @Override
  void startWork() {
    if (active) {
      scheduler.start();
    }
  }

  @Override
  void closeWork() {
    scheduler.close();
  }
}
