package dev.ticketing.attachment;

import dev.ticketing.internal.DefaultTicketService;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what attachment storage no longer needs, in two steps per {@link #sweep()}:
 *
 * <ol>
 *   <li><b>Expired upload grants</b> (never confirmed, or whose confirmation failed) are deleted,
 *       and their staged upload and object key are scheduled for deletion, in one unit of work per
 *       batch. A grant is left alone until {@link DefaultTicketService#CONFIRMATION_LEASE} after
 *       its expiry, so that a confirmation that began just before can finish.
 *   <li><b>Due object deletions</b> (scheduled by the step above, by confirmations for the staged
 *       copy once its URL has expired, and by purges) are sent to the {@link BlobStore} and then
 *       removed. When object storage fails, the batch is put off by one interval and the sweep ends.
 * </ol>
 *
 * <p>Several sweepers, in one process or in many, may share a store: a grant is taken by one of
 * them (the others see it gone), and deleting an object twice is harmless. Each step handles at
 * most {@link #MAX_BATCHES} batches per sweep; the rest waits for the next.
 *
 * <p>Runs in the background ({@link #start()}: one daemon thread sweeping every {@link
 * Settings#interval()}, first one interval after starting) or on demand ({@link #sweep()}, for
 * tests and hosts with their own scheduler).
 *
 * @since 0.1.0
 */
public final class AttachmentSweeper implements AutoCloseable {

  /** Most batches each step handles in one sweep. */
  public static final int MAX_BATCHES = 50;

  private static final Logger log = LoggerFactory.getLogger(AttachmentSweeper.class);

  private final TicketStore store;
  private final BlobStore blobs;
  private final Clock clock;
  private final Settings settings;
  private @Nullable ScheduledExecutorService scheduler;

  /**
   * How a sweeper works.
   *
   * @param interval pause between background sweeps (default 5 minutes)
   * @param batchSize grants per unit of work and objects per deletion request (default 200)
   */
  public record Settings(Duration interval, int batchSize) {
    public Settings {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive");
      }
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException("batchSize must be 1 to 1000");
      }
    }

    /** Every 5 minutes, batches of 200. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(5), 200);
    }

    public Settings withInterval(Duration v) {
      return new Settings(v, batchSize);
    }

    public Settings withBatchSize(int v) {
      return new Settings(interval, v);
    }
  }

  /**
   * What one sweep did.
   *
   * @param expiredGrants grants this sweeper deleted
   * @param deletedObjects object keys deleted from blob storage (including keys that no longer held
   *     an object)
   */
  public record Result(int expiredGrants, int deletedObjects) {}

  public AttachmentSweeper(TicketStore store, BlobStore blobs, Clock clock, Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /** One sweep: expired grants first, then due object deletions. */
  public Result sweep() {
    Instant now = clock.instant();
    int grants = sweepExpiredGrants(now);
    int objects = deleteDueObjects(now);
    if (grants > 0 || objects > 0) {
      log.info(
          "Attachment sweep: {} expired upload grants removed, {} objects deleted",
          grants,
          objects);
    }
    return new Result(grants, objects);
  }

  private int sweepExpiredGrants(Instant now) {
    Instant cutoff = now.minus(DefaultTicketService.CONFIRMATION_LEASE);
    int taken = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int[] seen = new int[1];
      taken +=
          store.inTransaction(
              () -> {
                List<UploadGrant> expired = store.expiredUploadGrants(cutoff, settings.batchSize());
                seen[0] = expired.size();
                List<ObjectDeletion> deletions = new ArrayList<>();
                int mine = 0;
                for (UploadGrant g : expired) {
                  // False when another sweeper (or a purge) took it first: then its objects are
                  // theirs.
                  if (store.deleteUploadGrant(g.objectKey())) {
                    deletions.add(new ObjectDeletion(g.stagingKey(), now));
                    deletions.add(new ObjectDeletion(g.objectKey(), now));
                    mine++;
                  }
                }
                store.scheduleObjectDeletions(deletions);
                return mine;
              });
      if (seen[0] < settings.batchSize()) {
        break;
      }
    }
    return taken;
  }

  private int deleteDueObjects(Instant now) {
    int deleted = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      List<ObjectDeletion> due = store.dueObjectDeletions(now, settings.batchSize());
      if (due.isEmpty()) {
        break;
      }
      List<String> keys = due.stream().map(ObjectDeletion::objectKey).toList();
      try {
        blobs.delete(keys);
      } catch (RuntimeException e) {
        log.warn(
            "Could not delete {} objects; trying again in {}", keys.size(), settings.interval(), e);
        Instant later = now.plus(settings.interval());
        store.inTransaction(
            () -> {
              store.scheduleObjectDeletions(
                  keys.stream().map(k -> new ObjectDeletion(k, later)).toList());
              return null;
            });
        break;
      }
      store.inTransaction(() -> store.cancelObjectDeletions(keys));
      deleted += keys.size();
      if (due.size() < settings.batchSize()) {
        break;
      }
    }
    return deleted;
  }

  // ---- background operation

  /** Starts sweeping every interval in a daemon thread; does nothing when already started. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticketing-attachment-sweeper");
              t.setDaemon(true);
              return t;
            });
    long millis = settings.interval().toMillis();
    s.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // The store is unreachable: nothing is lost, the next sweep finds the same work.
      log.warn("Attachment sweep failed; retrying in {}", settings.interval(), e);
    }
  }

  /** Stops background sweeping, letting a sweep in progress finish (waits up to 10 s). */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
      scheduler = null;
    }
    if (s == null) {
      return;
    }
    s.shutdown();
    try {
      if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
        s.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.shutdownNow();
    }
  }
}
