package dev.ticketing.spring.autoconfigure;

import dev.ticketing.attachment.AttachmentSweeper;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the attachment sweeper with the application: starts it once the context is ready, in the
 * outbox dispatcher's phase, and stops it early on shutdown, letting a sweep in progress finish.
 * Like {@link OutboxDispatcherLifecycle}, the one owner of the sweeper's shutdown, closing it once.
 */
final class AttachmentSweeperLifecycle implements SmartLifecycle, DisposableBean {

  private final AttachmentSweeper sweeper;
  private final AtomicBoolean running = new AtomicBoolean();

  AttachmentSweeperLifecycle(AttachmentSweeper sweeper) {
    this.sweeper = sweeper;
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      sweeper.start();
    }
  }

  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      sweeper.close();
    }
  }

  @Override
  public void destroy() {
    stop();
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public int getPhase() {
    return OutboxDispatcherLifecycle.PHASE;
  }
}
