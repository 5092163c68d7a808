package dev.ticketing.spring.email;

import dev.ticketing.email.ImapPoller;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the IMAP box while the application runs: starts after the engine, stops first.
 *
 * @since 0.2.0
 */
public final class ImapPollerLifecycle implements SmartLifecycle {

  private final ImapPoller poller;
  private volatile boolean running;

  public ImapPollerLifecycle(ImapPoller poller) {
    this.poller = poller;
  }

  /** The poller. */
  public ImapPoller poller() {
    return poller;
  }

  @Override
  public void start() {
    poller.start();
    running = true;
  }

  @Override
  public void stop() {
    poller.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
