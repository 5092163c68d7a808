package dev.ticketing.spring.autoconfigure;

import dev.ticketing.notification.OutboxDispatcher;

/**
 * Runs the outbox dispatcher with the application (see {@link BackgroundWorkLifecycle}): stopping
 * lets the notification in hand finish; rows it had claimed but not attempted go to another
 * instance when their lease ends.
 */
final class OutboxDispatcherLifecycle extends BackgroundWorkLifecycle {
  private final OutboxDispatcher dispatcher;

  OutboxDispatcherLifecycle(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  void startWork() {
    dispatcher.start();
  }

  @Override
  void closeWork() {
    dispatcher.close();
  }
}
