package dev.ticketing.spring.autoconfigure;

import dev.ticketing.notification.OutboxDispatcher;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox dispatcher with the application: starts it once the context is ready (late
 * phase), stops it early on shutdown, letting the notification in hand finish. Rows it had claimed
 * but not attempted go to another instance when their lease ends.
 *
 * <p>The one owner of the dispatcher's shutdown: stopping closes it once, however often the
 * context asks (a stop, then the destroy callback of a context whose refresh failed after the
 * start); closing it again would run another final delivery round against a store that may be
 * shutting down.
 */
final class OutboxDispatcherLifecycle implements SmartLifecycle, DisposableBean {
  /** Late start, early stop: after web servers and data sources are up, before they go down. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

  private final OutboxDispatcher dispatcher;
  private final AtomicBoolean running = new AtomicBoolean();

  OutboxDispatcherLifecycle(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      dispatcher.start();
    }
  }

  @Override
  public void stop() {
    if (running.compareAndSet(true, false)) {
      dispatcher.close();
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
    return PHASE;
  }
}
