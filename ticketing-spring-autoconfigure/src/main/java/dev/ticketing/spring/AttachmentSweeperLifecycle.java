package dev.ticketing.spring;

import dev.ticketing.attachment.AttachmentSweeper;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the attachment sweeper with the application: starts it once the context is ready, in the
 * outbox dispatcher's phase, and stops it early on shutdown, letting a sweep in progress finish.
 */
final class AttachmentSweeperLifecycle implements SmartLifecycle {

  private final AttachmentSweeper sweeper;

  AttachmentSweeperLifecycle(AttachmentSweeper sweeper) {
    this.sweeper = sweeper;
  }

  @Override
  public void start() {
    sweeper.start();
  }

  @Override
  public void stop() {
    sweeper.close();
  }

  @Override
  public boolean isRunning() {
    return sweeper.isRunning();
  }

  @Override
  public int getPhase() {
    return OutboxDispatcherLifecycle.PHASE;
  }
}
