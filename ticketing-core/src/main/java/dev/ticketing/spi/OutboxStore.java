package dev.ticketing.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The durable side of notification delivery. Notifications enter it through {@link
 * TicketStore#enqueue} inside the change's transaction; dispatchers claim due ones, deliver them
 * and record the outcome. A claim is a lease: a row claimed by a dispatcher that died is due again
 * when the lease ends. Two dispatchers never hold the same row at the same time.
 */
public interface OutboxStore {

  /**
   * Claims up to {@code max} pending notifications due at {@code now} and not leased by another
   * dispatcher, leasing them to {@code owner} until {@code now + lease}.
   */
  List<OutboxEntry> claimDue(String owner, Instant now, Duration lease, int max);

  /** Records a delivery; false when {@code owner} no longer held the lease (nothing changed). */
  boolean markDelivered(String notificationId, String owner, Instant now);

  /**
   * Records a failed attempt: pending again at {@code retryAt}, or dead when {@code retryAt} is
   * null. False when {@code owner} no longer held the lease (nothing changed).
   */
  boolean markFailed(String notificationId, String owner, int attempts, @Nullable Instant retryAt, String error);

  /** Dead letters, oldest first. */
  List<OutboxEntry> deadLetters(int limit);

  /** Makes one dead letter pending again with its attempts reset; false if it is not dead. */
  boolean redrive(String notificationId, Instant now);

  /** Makes every dead letter pending again; returns how many. */
  int redriveAll(Instant now);

  /** Pending notifications (the backlog). */
  long pendingCount();

  /** Dead letters. */
  long deadCount();

  /** Deletes delivered notifications older than {@code before}; returns how many. */
  int purgeDelivered(Instant before);
}
