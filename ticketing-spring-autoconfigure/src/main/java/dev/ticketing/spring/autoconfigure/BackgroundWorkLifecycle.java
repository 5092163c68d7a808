package dev.ticketing.spring.autoconfigure;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a piece of the engine's background work with the application: starts it once the context is
 * ready (late phase), stops it early on shutdown, letting the work in hand finish.
 *
 * <p>In an application started by Spring Boot ({@code SpringApplication}) the work itself begins
 * when the application is ready ({@link ApplicationReadyEvent}), not when the context starts its
 * lifecycle beans: its first round (the first queries of the store, which make the persistence
 * provider parse and translate them) then runs beside the application's traffic instead of
 * competing with the rest of its start-up for the processor. Nothing is lost meanwhile: the work
 * reads what it has to do from the store. A context started without Spring Boot (no ready event
 * ever comes) starts the work at once, as does a context started again after a stop.
 *
 * <p>The one owner of that work's shutdown: stopping closes it once, however often the context asks
 * (a stop, then the destroy callback of a context whose refresh failed after the start); closing it
 * again would run another final round against a store that may be shutting down. Work that never
 * began (the start-up failed before the application was ready) is not closed.
 */
abstract class BackgroundWorkLifecycle
    implements SmartLifecycle,
        DisposableBean,
        ApplicationContextAware,
        ApplicationListener<ApplicationReadyEvent> {
  /** Late start, early stop: after web servers and data sources are up, before they go down. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

  /** The bean Spring Boot registers in every context it runs, and only in those. */
  static final String SPRING_APPLICATION_MARKER = "springApplicationArguments";

  private boolean running;
  private boolean working;
  private boolean ready;
  private boolean deferUntilReady;

  /** Starts the work; called once per start of the context. */
  abstract void startWork();

  /** Stops the work and releases it; called once per stop. */
  abstract void closeWork();

  @Override
  public final synchronized void setApplicationContext(ApplicationContext context) {
    deferUntilReady = context.containsBean(SPRING_APPLICATION_MARKER);
  }

  @Override
  public final synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    if (ready || !deferUntilReady) {
      begin();
    }
  }

  @Override
  public final synchronized void onApplicationEvent(ApplicationReadyEvent event) {
    ready = true;
    if (running) {
      begin();
    }
  }

  private void begin() {
    if (!working) {
      working = true;
      startWork();
    }
  }

  @Override
  public final synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (working) {
      working = false;
      closeWork();
    }
  }

  @Override
  public final void destroy() {
    stop();
  }

  @Override
  public final synchronized boolean isRunning() {
    return running;
  }

  /** Whether the work itself runs (it waits for the application to be ready, see above). */
  final synchronized boolean working() {
    return working;
  }

  @Override
  public final int getPhase() {
    return PHASE;
  }
}
