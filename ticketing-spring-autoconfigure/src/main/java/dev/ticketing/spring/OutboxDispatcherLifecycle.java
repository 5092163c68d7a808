package dev.ticketing.spring;

import dev.ticketing.notification.OutboxDispatcher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox dispatcher with the application: starts it once the context is ready (late
 * phase), stops it early on shutdown, letting the notification in hand finish. Rows it had claimed
 * but not attempted go to another instance when their lease ends.
 */
final class OutboxDispatcherLifecycle implements SmartLifecycle {
  /** Late start, early stop: after web servers and data sources are up, before they go down. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

  private final OutboxDispatcher dispatcher;

  OutboxDispatcherLifecycle(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void start() {
    dispatcher.start();
  }

  @Override
  public void stop() {
    dispatcher.close();
  }

  @Override
  public boolean isRunning() {
    return dispatcher.isRunning();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
