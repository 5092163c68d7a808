package dev.ticketing.notification;

import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with the outbox: counts per channel and state, listing rows and dead
 * letters, re-driving dead rows (waking the dispatcher so they go out now) and purging delivered
 * rows. The public surface is {@link OutboxDispatcher}'s; this holds the work.
 */
final class OutboxOperations {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final List<String> served;
  private final Clock clock;
  private final Runnable wake;

  OutboxOperations(OutboxStore outbox, List<String> served, Clock clock, Runnable wake) {
    this.outbox = outbox;
    this.served = List.copyOf(served);
    this.clock = clock;
    this.wake = wake;
  }

  Map<String, Map<OutboxState, Long>> counts() {
    Map<String, Long> pending = outbox.count(OutboxState.PENDING);
    Map<String, Long> dead = outbox.count(OutboxState.DEAD);
    Map<String, Map<OutboxState, Long>> out = new TreeMap<>();
    List<String> names = new ArrayList<>(served);
    names.addAll(pending.keySet());
    names.addAll(dead.keySet());
    for (String name : names) {
      Map<OutboxState, Long> byState = new EnumMap<>(OutboxState.class);
      byState.put(OutboxState.PENDING, pending.getOrDefault(name, 0L));
      byState.put(OutboxState.DEAD, dead.getOrDefault(name, 0L));
      out.put(name, byState);
    }
    return out;
  }

  List<OutboxEntry> entries(OutboxState state, @Nullable String channel, int limit) {
    return outbox.list(state, channel, limit);
  }

  List<OutboxEntry> deadLetters(int limit) {
    return outbox.deadLetters(limit);
  }

  boolean redrive(String entryId) {
    boolean done = outbox.redrive(entryId, clock.instant());
    if (done) {
      wake.run();
    }
    return done;
  }

  int redriveAll(@Nullable String channel) {
    int n = outbox.redriveAll(channel, clock.instant());
    if (n > 0) {
      wake.run();
    }
    return n;
  }

  int purgeDelivered(Duration olderThan) {
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
}
