package dev.ticketing.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a piece of the engine's background work with the application: starts it once the context is
 * ready (late phase), stops it early on shutdown, letting the work in hand finish.
 *
 * <p>The one owner of that work's shutdown: stopping closes it once, however often the context asks
 * (a stop, then the destroy callback of a context whose refresh failed after the start); closing it
 * again would run another final round against a store that may be shutting down.
 */
abstract class BackgroundWorkLifecycle implements SmartLifecycle, DisposableBean {
  /** Late start, early stop: after web servers and data sources are up, before they go down. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

  private final AtomicBoolean running = new AtomicBoolean();

  /** Starts the work; called once per start of the context. */
  abstract void startWork();

  /** Stops the work and releases it; called once per stop. */
  abstract void closeWork();

  @Override
  public final void start() {
    if (running.compareAndSet(false, true)) {
      startWork();
    }
  }

  @Override
  public final void stop() {
    if (running.compareAndSet(true, false)) {
      closeWork();
    }
  }

  @Override
  public final void destroy() {
    stop();
  }

  @Override
  public final boolean isRunning() {
    return running.get();
  }

  @Override
  public final int getPhase() {
    return PHASE;
  }
}
