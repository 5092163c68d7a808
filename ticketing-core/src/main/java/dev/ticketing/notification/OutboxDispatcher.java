package dev.ticketing.notification;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.spi.Delivery;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import dev.ticketing.validation.IdValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications from an {@link OutboxStore} through named {@link Channel}s: at least once,
 * each channel on its own.
 *
 * <p>Two stages, both rows of the outbox. A change writes one request naming who must be told
 * ({@link Recipient}s: the admins, the owner, the assignee, users). The dispatcher resolves it
 * (asking the {@link Directory} for the admins then, not in the change's transaction) into one
 * notification per user and one delivery row per (notification, channel), in one unit of work.
 * Each delivery row is then delivered, retried with its channel's {@link RetryPolicy}, and left as a
 * dead letter when its retries run out, without any other channel sending again. A directory that
 * is down makes resolution fail and retry (with the recipients' retry policy): notifications wait,
 * nothing is lost, no write ever failed for it.
 *
 * <p>Runs either in the background ({@link #start()}: one daemon thread that polls every {@link
 * Settings#pollInterval()} and is woken early by {@link #wake()} after each commit) or on demand
 * ({@link #dispatchDue()}, for tests and hosts with their own scheduler). Several dispatchers, in
 * one process or in many, may share an outbox: each row is leased to one of them at a time.
 *
 * <p>A notifier that throws or hangs never affects ticket operations: they only write the outbox.
 *
 * @since 0.1.0
 */
public final class OutboxDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final Directory directory;
  private final Map<String, Channel> channels;
  private final List<String> claimed;
  private final RetryPolicy recipientRetry;
  private final Clock clock;
  private final Settings settings;
  private final DirectoryFailures directoryFailures;
  private final @Nullable Runnable housekeeping;
  private final Duration housekeepingInterval;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean woken;
  private volatile boolean running;
  private @Nullable Thread worker;
  private @Nullable Instant lastHousekeeping;

  /**
   * How a dispatcher works.
   *
   * @param owner the name this dispatcher claims rows under; unique per instance
   * @param lease how long a claimed row stays with this dispatcher before others may take it over
   * @param batchSize rows claimed per round
   * @param pollInterval pause between rounds when nothing woke the dispatcher
   */
  public record Settings(String owner, Duration lease, int batchSize, Duration pollInterval) {
    public Settings {
      Objects.requireNonNull(owner, "owner");
      if (lease.isNegative()
          || lease.isZero()
          || pollInterval.isNegative()
          || pollInterval.isZero()) {
        throw new IllegalArgumentException("lease and pollInterval must be positive");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be positive");
      }
    }

    /** A unique owner name, a 5-minute lease, batches of 50, a poll every second. */
    public static Settings defaults() {
      return new Settings(
          "dispatcher-" + UUID.randomUUID(), Duration.ofMinutes(5), 50, Duration.ofSeconds(1));
    }

    public Settings withOwner(String v) {
      return new Settings(v, lease, batchSize, pollInterval);
    }

    public Settings withLease(Duration v) {
      return new Settings(owner, v, batchSize, pollInterval);
    }

    public Settings withBatchSize(int v) {
      return new Settings(owner, lease, v, pollInterval);
    }

    public Settings withPollInterval(Duration v) {
      return new Settings(owner, lease, batchSize, v);
    }
  }

  private OutboxDispatcher(Builder b) {
    this.outbox = b.outbox;
    this.directory = b.directory;
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
    List<String> served = new ArrayList<>(channels.keySet());
    served.add(OutboxStore.RECIPIENTS);
    this.claimed = List.copyOf(served);
    this.recipientRetry = b.recipientRetry;
    this.clock = b.clock;
    this.settings = b.settings;
    this.directoryFailures = b.directoryFailures;
    this.housekeeping = b.housekeeping;
    this.housekeepingInterval = b.housekeepingInterval;
  }

  /** A builder of a dispatcher on {@code outbox}. */
  public static Builder builder(OutboxStore outbox) {
    return new Builder(outbox);
  }

  /**
   * One round: claims the due rows (one batch), resolves the recipients of requests and delivers
   * the deliveries, and records each outcome.
   *
   * @return how many rows were attempted
   */
  public int dispatchDue() {
    Instant claimedAt = clock.instant();
    List<OutboxEntry> batch =
        outbox.claimDue(
            settings.owner(), claimedAt, settings.lease(), settings.batchSize(), claimed);
    // Stop short of the lease's end: past it another dispatcher may hold the rest of the batch.
    Instant deadline = claimedAt.plus(settings.lease().multipliedBy(9).dividedBy(10));
    int attempted = 0;
    for (OutboxEntry entry : batch) {
      if (clock.instant().isAfter(deadline)) {
        log.warn(
            "Lease running out: leaving {} claimed outbox rows to the next round",
            batch.size() - attempted);
        break;
      }
      if (entry.resolvesRecipients()) {
        resolve(entry);
      } else {
        deliver(entry);
      }
      attempted++;
    }
    return attempted;
  }

  /** Rounds until a round finds nothing due; returns how many rows were attempted. */
  public int drain() {
    int total = 0;
    for (int n; (n = dispatchDue()) > 0; ) {
      total += n;
    }
    return total;
  }

  // ---- stage 1: recipients

  private void resolve(OutboxEntry entry) {
    int attempts = entry.attempts() + 1;
    List<OutboxEntry> deliveries;
    try {
      deliveries = deliveriesOf(entry);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      directoryFailures.recipientsFailed();
      failed(entry, attempts, recipientRetry, e);
      return;
    }
    if (!outbox.markResolved(entry.id(), settings.owner(), clock.instant(), deliveries)) {
      log.warn(
          "Lost the lease on notification request {} while resolving it; another dispatcher resolves it",
          entry.id());
    } else {
      log.debug(
          "Resolved notification request {} ({}) into {} deliveries",
          entry.id(),
          entry.request().template(),
          deliveries.size());
    }
  }

  /** One delivery row per (notification, channel): the recipients' users times the channels. */
  private List<OutboxEntry> deliveriesOf(OutboxEntry entry) {
    if (channels.isEmpty()) {
      return List.of(); // nothing delivers: no need to ask the directory
    }
    NotificationRequest request = entry.request();
    // notification id -> recipient
    Map<String, String> notifications = new LinkedHashMap<>();
    if (entry.recipientId() != null) {
      // A request row from before per-channel delivery: its one recipient, under its own id.
      notifications.put(request.id(), entry.recipientId());
    } else {
      for (String user : users(request)) {
        notifications.put(DeliveryIds.notificationId(request.id(), user), user);
      }
    }
    Instant due = clock.instant();
    List<OutboxEntry> out = new ArrayList<>(notifications.size() * channels.size());
    notifications.forEach(
        (notificationId, user) -> {
          Notification n = request.toNotification(notificationId, user);
          for (Channel channel : channels.values()) {
            out.add(
                OutboxEntry.delivery(
                    DeliveryIds.deliveryId(notificationId, channel.name()),
                    channel.name(),
                    n,
                    due));
          }
        });
    return out;
  }

  /** The users the request's recipients stand for now, without the actor, each once. */
  private Set<String> users(NotificationRequest request) {
    Set<String> users = new LinkedHashSet<>();
    for (Recipient r : request.recipients()) {
      if (r.kind() == Recipient.Kind.ADMINS) {
        List<String> admins =
            Objects.requireNonNull(directory.adminIds(), "the directory answered no admin list");
        for (String id : admins) {
          if (id != null && IdValidator.isWellFormed(id)) {
            users.add(id);
          } else {
            log.warn(
                "The directory named an admin whose id is not well-formed; not notified of {}",
                request.id());
          }
        }
      } else {
        users.add(Objects.requireNonNull(r.userId()));
      }
    }
    users.remove(request.actorId()); // nobody is told of their own action
    return users;
  }

  // ---- stage 2: deliveries

  private void deliver(OutboxEntry entry) {
    Channel channel = channels.get(entry.channel());
    if (channel == null) {
      // Only claimed when served; a subclass of the store returning others is a bug worth seeing.
      throw new IllegalStateException(
          "claimed a row of channel " + entry.channel() + ", which this dispatcher does not serve");
    }
    int attempt = entry.attempts() + 1;
    try {
      channel
          .notifier()
          .deliver(new Delivery(entry.id(), channel.name(), attempt, entry.notification()));
    } catch (VirtualMachineError e) {
      throw e; // the JVM is in trouble; the row's lease runs out and any dispatcher retries it
    } catch (Exception | Error e) {
      // Any other Error (an AssertionError in the host's mail code...) is a failed attempt too:
      // thrown out of here it would end the background thread and strand the outbox.
      failed(entry, attempt, channel.retry(), e);
      return;
    }
    if (!outbox.markDelivered(entry.id(), settings.owner(), clock.instant())) {
      // Delivered, but the lease had passed to another dispatcher, which may deliver it again:
      // at-least-once, and the receiver drops the duplicate by the delivery id.
      log.warn(
          "Delivered {} on channel {} after losing its lease; it may be delivered twice",
          entry.id(),
          channel.name());
    }
  }

  private void failed(OutboxEntry entry, int attempts, RetryPolicy retry, Throwable e) {
    Duration delay = retry.delayAfter(attempts);
    Instant retryAt = delay == null ? null : clock.instant().plus(delay);
    String error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    String what =
        entry.resolvesRecipients()
            ? "Resolving the recipients of notification request"
            : "Delivery";
    if (!outbox.markFailed(entry.id(), settings.owner(), attempts, retryAt, truncate(error))) {
      log.warn(
          "Lost the lease on outbox row {} ({}) while it failed; another dispatcher retries it",
          entry.id(),
          entry.channel());
    } else if (retryAt == null) {
      log.error(
          "{} {} ({}, channel {}) is a dead letter after attempt {}: {}",
          what,
          entry.id(),
          entry.request().template(),
          entry.channel(),
          attempts,
          error);
    } else {
      log.warn(
          "{} {} ({}, channel {}) failed, attempt {} of {}; retrying at {}: {}",
          what,
          entry.id(),
          entry.request().template(),
          entry.channel(),
          attempts,
          retry.maxAttempts(),
          retryAt,
          error);
    }
  }

  private static String truncate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000);
  }

  // ---- background operation

  /** Starts the background thread; does nothing when already started. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread t = new Thread(this::loop, "ticketing-outbox-" + settings.owner());
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  /** Asks the background thread for a round now (called after each commit). */
  public void wake() {
    lock.lock();
    try {
      woken = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        while (running && dispatchDue() > 0) {
          // keep going while there is work
        }
        housekeep();
        awaitWake();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The outbox itself failed (database down...): nothing is lost, rows stay pending.
        log.warn("Outbox dispatch round failed; retrying after {}", settings.pollInterval(), e);
        try {
          awaitWake();
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Runs the housekeeping task when its interval has passed (the first time right away). */
  private void housekeep() {
    Runnable task = housekeeping;
    if (task == null) {
      return;
    }
    Instant now = clock.instant();
    if (lastHousekeeping != null && now.isBefore(lastHousekeeping.plus(housekeepingInterval))) {
      return;
    }
    lastHousekeeping = now;
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("Ticketing housekeeping failed; trying again in {}", housekeepingInterval, e);
    }
  }

  private void awaitWake() throws InterruptedException {
    lock.lock();
    try {
      if (!woken && running) {
        wakeUp.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      }
      woken = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the background thread, letting the row in hand finish (waits up to 10 s), then delivers
   * what is due for at most {@link #FINAL_ROUNDS_BUDGET} more, so that a short-lived program does
   * not lose the notifications of its last changes (an in-memory outbox dies with the process).
   * Claimed rows not yet attempted stay claimed until their lease ends, then any dispatcher takes
   * them.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = worker;
      worker = null;
    }
    wake();
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    finalRounds();
  }

  /** How long {@link #close()} keeps delivering what is due after the background thread stopped. */
  public static final Duration FINAL_ROUNDS_BUDGET = Duration.ofSeconds(5);

  private void finalRounds() {
    long deadline = System.nanoTime() + FINAL_ROUNDS_BUDGET.toNanos();
    try {
      while (System.nanoTime() < deadline && dispatchDue() > 0) {
        // keep going while there is work and time
      }
    } catch (RuntimeException e) {
      // The outbox is unreachable at shutdown: the rows stay pending for the next start.
      log.warn("Final delivery round on close failed; pending notifications stay in the outbox", e);
    }
  }

  // ---- operator API

  /** The channels this dispatcher delivers through, in order, without {@link OutboxStore#RECIPIENTS}. */
  public List<String> channels() {
    return List.copyOf(channels.keySet());
  }

  /** The retry policy of a channel ({@link OutboxStore#RECIPIENTS} included), or null for one it does not serve. */
  public @Nullable RetryPolicy retryPolicy(String channel) {
    if (channel.equals(OutboxStore.RECIPIENTS)) {
      return recipientRetry;
    }
    Channel c = channels.get(channel);
    return c == null ? null : c.retry();
  }

  /**
   * Pending and dead rows per channel: every channel this dispatcher serves and {@link
   * OutboxStore#RECIPIENTS} (with zeros), and any other channel that has rows.
   */
  public Map<String, Map<OutboxState, Long>> counts() {
    Map<String, Long> pending = outbox.count(OutboxState.PENDING);
    Map<String, Long> dead = outbox.count(OutboxState.DEAD);
    Map<String, Map<OutboxState, Long>> out = new TreeMap<>();
    List<String> names = new ArrayList<>(claimed);
    names.addAll(pending.keySet());
    names.addAll(dead.keySet());
    for (String name : names) {
      Map<OutboxState, Long> byState = new java.util.EnumMap<>(OutboxState.class);
      byState.put(OutboxState.PENDING, pending.getOrDefault(name, 0L));
      byState.put(OutboxState.DEAD, dead.getOrDefault(name, 0L));
      out.put(name, byState);
    }
    return out;
  }

  /** Rows in {@code state} of one channel or of all (null), oldest first. */
  public List<OutboxEntry> entries(OutboxState state, @Nullable String channel, int limit) {
    return outbox.list(state, channel, limit);
  }

  /** Dead letters of every channel with their last error, oldest first. */
  public List<OutboxEntry> deadLetters(int limit) {
    return outbox.deadLetters(limit);
  }

  /** Re-drives one dead row (a delivery, or a request whose recipients could not be resolved); false when it is not dead. */
  public boolean redrive(String entryId) {
    boolean done = outbox.redrive(entryId, clock.instant());
    if (done) {
      wake();
    }
    return done;
  }

  /** Re-drives every dead row of one channel; returns how many. */
  public int redriveChannel(String channel) {
    int n = outbox.redriveAll(Objects.requireNonNull(channel, "channel"), clock.instant());
    if (n > 0) {
      wake();
    }
    return n;
  }

  /** Re-drives every dead row of every channel; returns how many. */
  public int redriveAll() {
    int n = outbox.redriveAll(null, clock.instant());
    if (n > 0) {
      wake();
    }
    return n;
  }

  /**
   * Deletes delivered rows older than {@code olderThan} (by the dispatcher's clock), to keep the
   * outbox small; pending rows and dead letters are never touched. Schedule it, for example daily
   * with {@code Duration.ofDays(30)}.
   *
   * @return how many were deleted
   */
  public int purgeDelivered(Duration olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative");
    }
    int n = outbox.purgeDelivered(clock.instant().minus(olderThan));
    if (n > 0) {
      log.info("Purged {} delivered outbox rows older than {}", n, olderThan);
    }
    return n;
  }

  /** The outbox this dispatcher serves. */
  public OutboxStore outbox() {
    return outbox;
  }

  /** Builder of an {@link OutboxDispatcher}. */
  public static final class Builder {
    private final OutboxStore outbox;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private Directory directory = InMemoryDirectory.empty();
    private RetryPolicy recipientRetry = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Settings settings = Settings.defaults();
    private DirectoryFailures directoryFailures = new DirectoryFailures();
    private @Nullable Runnable housekeeping;
    private Duration housekeepingInterval = Duration.ofHours(1);

    private Builder(OutboxStore outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Where the admins come from when recipients are resolved (default: an empty directory, no admins). */
    public Builder directory(Directory v) {
      directory = Objects.requireNonNull(v);
      return this;
    }

    /** Adds a channel; names must be unique. */
    public Builder channel(Channel v) {
      Objects.requireNonNull(v, "channel");
      if (channels.putIfAbsent(v.name(), v) != null) {
        throw new IllegalArgumentException("two channels are named '" + v.name() + "'");
      }
      return this;
    }

    /** Adds a channel with the {@link RetryPolicy#DEFAULT} back-off. */
    public Builder channel(String name, Notifier notifier) {
      return channel(Channel.of(name, notifier));
    }

    /** Adds a channel with its own retry policy. */
    public Builder channel(String name, Notifier notifier, RetryPolicy retry) {
      return channel(new Channel(name, notifier, retry));
    }

    /** Adds channels. */
    public Builder channels(List<Channel> v) {
      v.forEach(this::channel);
      return this;
    }

    /**
     * How resolving recipients is retried while the directory fails (default {@link
     * RetryPolicy#DEFAULT}); after the last retry the request is a dead letter of channel {@value
     * OutboxStore#RECIPIENTS}, which an operator re-drives.
     */
    public Builder recipientRetry(RetryPolicy v) {
      recipientRetry = Objects.requireNonNull(v);
      return this;
    }

    /** The time source (default: the UTC system clock). */
    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v);
      return this;
    }

    /** Owner name, lease, batch size and poll interval (default {@link Settings#defaults()}). */
    public Builder settings(Settings v) {
      settings = Objects.requireNonNull(v);
      return this;
    }

    /** Where directory failures are counted. */
    public Builder directoryFailures(DirectoryFailures v) {
      directoryFailures = Objects.requireNonNull(v);
      return this;
    }

    /** A task the background thread runs every {@code interval} between rounds (purging expired keys...). */
    public Builder housekeeping(Duration interval, Runnable task) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("housekeeping interval must be positive");
      }
      housekeepingInterval = interval;
      housekeeping = Objects.requireNonNull(task);
      return this;
    }

    public OutboxDispatcher build() {
      return new OutboxDispatcher(this);
    }
  }
}
