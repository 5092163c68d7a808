package dev.ticketing.spring.autoconfigure;

import dev.ticketing.attachment.AttachmentSweeper;

/**
 * Runs the attachment sweeper with the application (see {@link BackgroundWorkLifecycle}), in the
 * outbox dispatcher's phase; stopping lets a sweep in progress finish.
 */
final class AttachmentSweeperLifecycle extends BackgroundWorkLifecycle {
  private final AttachmentSweeper sweeper;

  AttachmentSweeperLifecycle(AttachmentSweeper sweeper) {
    this.sweeper = sweeper;
  }

  @Override
  void startWork() {
    sweeper.start();
  }

  @Override
  void closeWork() {
    sweeper.close();
  }
}
