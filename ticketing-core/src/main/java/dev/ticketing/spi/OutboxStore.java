package dev.ticketing.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The durable side of notification delivery. A change writes one request row ({@link
 * TicketStore#enqueue}) in its own transaction; a dispatcher resolves its recipients ({@link
 * #markResolved}), which turns it into one row per (notification, channel); each of those is
 * delivered, retried, dead-lettered and re-driven on its own.
 *
 * <p>A claim is a lease: a row claimed by a dispatcher that died is due again when the lease ends.
 * Two dispatchers never hold the same row at the same time. Every outcome is recorded only by the
 * dispatcher that still holds the row's lease.
 *
 * @since 0.1.0
 */
public interface OutboxStore {

  /** The channel name of request rows, whose recipients are still to be resolved. */
  String RECIPIENTS = "recipients";

  /**
   * Claims up to {@code max} pending rows of the given channels due at {@code now} and not leased
   * by another dispatcher, leasing them to {@code owner} until {@code now + lease}; oldest due
   * first. Rows of other channels are left to the dispatchers that serve them.
   *
   * @param channels the channels served, {@link #RECIPIENTS} included when this dispatcher resolves
   *     recipients
   */
  List<OutboxEntry> claimDue(
      String owner, Instant now, Duration lease, int max, Collection<String> channels);

  /** Records a delivery; false when {@code owner} no longer held the lease (nothing changed). */
  boolean markDelivered(String entryId, String owner, Instant now);

  /**
   * Records a failed attempt: pending again at {@code retryAt}, or dead when {@code retryAt} is
   * null. False when {@code owner} no longer held the lease (nothing changed).
   */
  boolean markFailed(
      String entryId, String owner, int attempts, @Nullable Instant retryAt, String error);

  /**
   * Records a resolved request: in one unit of work, adds {@code deliveries} (new pending rows) and
   * marks the request row delivered. False when {@code owner} no longer held the lease: then nothing
   * changed, no delivery was added.
   */
  boolean markResolved(String entryId, String owner, Instant now, List<OutboxEntry> deliveries);

  /**
   * Rows in {@code state}, of one channel or of all (null), oldest first by when their change
   * happened, then by id.
   */
  List<OutboxEntry> list(OutboxState state, @Nullable String channel, int limit);

  /** Makes one dead row pending again, due {@code now}, with its attempts reset; false if it is not dead. */
  boolean redrive(String entryId, Instant now);

  /** Makes every dead row of one channel, or of all (null), pending again; returns how many. */
  int redriveAll(@Nullable String channel, Instant now);

  /**
   * How many rows are in {@code state}, per channel; channels without any are absent. Meant for
   * pending and dead rows (delivered ones pile up until purged).
   */
  Map<String, Long> count(OutboxState state);

  /** Deletes delivered rows older than {@code before}; returns how many. */
  int purgeDelivered(Instant before);

  // ---- conveniences over the above

  /** Dead rows of every channel, oldest first. */
  default List<OutboxEntry> deadLetters(int limit) {
    return list(OutboxState.DEAD, null, limit);
  }

  /** Makes every dead row pending again; returns how many. */
  default int redriveAll(Instant now) {
    return redriveAll(null, now);
  }

  /** Pending rows of every channel (the backlog). */
  default long pendingCount() {
    return count(OutboxState.PENDING).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Dead rows of every channel. */
  default long deadCount() {
    return count(OutboxState.DEAD).values().stream().mapToLong(Long::longValue).sum();
  }
}
