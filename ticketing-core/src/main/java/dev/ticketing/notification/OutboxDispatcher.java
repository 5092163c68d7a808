package dev.ticketing.notification;

import dev.ticketing.DirectoryFailures;
import dev.ticketing.memory.InMemoryDirectory;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Notifier;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
 * <p>The work is split by stage: {@link LeasedRound} claims and leases, {@link RecipientResolution}
 * and {@link DeliveryAttempt} do the two stages, {@link FailedAttempts} schedules retries and dead
 * letters, {@link DispatchLoop} runs the background thread, {@link OutboxOperations} serves the
 * operator. Closing is idempotent.
 *
 * @since 0.1.0
 */
public final class OutboxDispatcher implements AutoCloseable {

  /** How long {@link #close()} keeps delivering what is due after the background thread stopped. */
  public static final Duration FINAL_ROUNDS_BUDGET = Duration.ofSeconds(5);

  private final OutboxStore outbox;
  private final Map<String, Channel> channels;
  private final RetryPolicy recipientRetry;
  private final LeasedRound round;
  private final DispatchLoop loop;
  private final OutboxOperations operations;

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
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
    this.recipientRetry = b.recipientRetry;
    List<String> served = new ArrayList<>(channels.keySet());
    served.add(OutboxStore.RECIPIENTS);
    String owner = b.settings.owner();
    FailedAttempts failures = new FailedAttempts(outbox, owner, b.clock);
    this.round =
        new LeasedRound(
            outbox,
            b.settings,
            served,
            b.clock,
            new RecipientResolution(
                outbox,
                b.directory,
                channels.values(),
                recipientRetry,
                b.directoryFailures,
                failures,
                owner,
                b.clock),
            new DeliveryAttempt(outbox, channels, failures, owner, b.clock));
    this.loop =
        new DispatchLoop(
            round::run,
            "ticketing-outbox-" + owner,
            b.settings.pollInterval(),
            b.clock,
            b.housekeeping,
            b.housekeepingInterval,
            FINAL_ROUNDS_BUDGET);
    this.operations = new OutboxOperations(outbox, served, b.clock, loop::wake);
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
    return round.run();
  }

  /** Rounds until a round finds nothing due; returns how many rows were attempted. */
  public int drain() {
    int total = 0;
    for (int n; (n = dispatchDue()) > 0; ) {
      total += n;
    }
    return total;
  }

  // ---- background operation

  /** Starts the background thread; does nothing when already started. Starts again after a close. */
  public void start() {
    loop.start();
  }

  /** Asks the background thread for a round now (called after each commit). */
  public void wake() {
    loop.wake();
  }

  public boolean isRunning() {
    return loop.isRunning();
  }

  /**
   * Stops the background thread, letting the row in hand finish (waits up to 10 s), then delivers
   * what is due for at most {@link #FINAL_ROUNDS_BUDGET} more, so that a short-lived program does
   * not lose the notifications of its last changes (an in-memory outbox dies with the process).
   * Claimed rows not yet attempted stay claimed until their lease ends, then any dispatcher takes
   * them. Closing again before another {@link #start()} does nothing.
   */
  @Override
  public void close() {
    loop.close();
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
    return operations.counts();
  }

  /** Rows in {@code state} of one channel or of all (null), oldest first. */
  public List<OutboxEntry> entries(OutboxState state, @Nullable String channel, int limit) {
    return operations.entries(state, channel, limit);
  }

  /** Dead letters of every channel with their last error, oldest first. */
  public List<OutboxEntry> deadLetters(int limit) {
    return operations.deadLetters(limit);
  }

  /** Re-drives one dead row (a delivery, or a request whose recipients could not be resolved); false when it is not dead. */
  public boolean redrive(String entryId) {
    return operations.redrive(entryId);
  }

  /** Re-drives every dead row of one channel; returns how many. */
  public int redriveChannel(String channel) {
    return operations.redriveAll(Objects.requireNonNull(channel, "channel"));
  }

  /** Re-drives every dead row of every channel; returns how many. */
  public int redriveAll() {
    return operations.redriveAll(null);
  }

  /**
   * Deletes delivered rows older than {@code olderThan} (by the dispatcher's clock), to keep the
   * outbox small; pending rows and dead letters are never touched. Schedule it, for example daily
   * with {@code Duration.ofDays(30)}.
   *
   * @return how many were deleted
   */
  public int purgeDelivered(Duration olderThan) {
    return operations.purgeDelivered(olderThan);
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
