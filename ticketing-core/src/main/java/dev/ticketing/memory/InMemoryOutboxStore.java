package dev.ticketing.memory;

import dev.ticketing.spi.Notification;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The outbox of an {@link InMemoryTicketStore}. It shares the store's {@link Transactions}, so a
 * notification enqueued in a unit of work that rolls back is gone with it, and every dispatcher
 * call is a unit of work of its own (or joins the caller's).
 */
final class InMemoryOutboxStore implements OutboxStore {

  /** An entry plus what only the store needs to know: who leases it, and when it was delivered. */
  private record Row(
      OutboxEntry entry,
      @Nullable String leaseOwner,
      @Nullable Instant leaseUntil,
      @Nullable Instant deliveredAt) {

    String id() {
      return entry.notification().id();
    }

    OutboxState state() {
      return entry.state();
    }

    boolean leasedAt(Instant now) {
      return leaseUntil != null && leaseUntil.isAfter(now);
    }
  }

  /** A sort key: a time and, to break ties, the notification id. */
  private record At(Instant at, String id) {}

  private static final Comparator<At> BY_TIME =
      Comparator.comparing(At::at).thenComparing(At::id);

  private final Transactions tx;

  private final Map<String, Row> rows = new LinkedHashMap<>();

  /** Pending rows by when they are due, so that claiming does not scan delivered ones. */
  private final NavigableSet<At> due = new TreeSet<>(BY_TIME);

  /** Dead rows by when their notification occurred. */
  private final NavigableSet<At> dead = new TreeSet<>(BY_TIME);

  InMemoryOutboxStore(Transactions tx) {
    this.tx = tx;
  }

  /** Adds pending entries due at once; must run inside a unit of work. */
  void enqueue(List<Notification> notifications) {
    tx.beginWrite("enqueue");
    // Check everything first: a caller that catches the failure must not keep half the batch.
    Set<String> ids = new HashSet<>();
    for (Notification n : notifications) {
      if (rows.containsKey(n.id()) || !ids.add(n.id())) {
        throw new IllegalStateException("notification " + n.id() + " is already in the outbox");
      }
    }
    for (Notification n : notifications) {
      OutboxEntry entry = new OutboxEntry(n, OutboxState.PENDING, 0, n.occurredAt(), null);
      store(new Row(entry, null, null, null));
    }
  }

  /** Every entry in any state, in enqueue order. */
  List<OutboxEntry> entries() {
    return tx.read(() -> rows.values().stream().map(Row::entry).toList());
  }

  @Override
  public List<OutboxEntry> claimDue(String owner, Instant now, Duration lease, int max) {
    return tx.inTransaction(() -> {
      tx.beginWrite("claimDue");
      Instant until = now.plus(lease);
      List<OutboxEntry> claimed = new ArrayList<>();
      for (At key : due) {
        if (claimed.size() >= max || key.at().isAfter(now)) {
          break;
        }
        Row row = rows.get(key.id());
        if (row == null || row.leasedAt(now)) {
          continue;
        }
        store(new Row(row.entry(), owner, until, null));
        claimed.add(row.entry());
      }
      return List.copyOf(claimed);
    });
  }

  @Override
  public boolean markDelivered(String notificationId, String owner, Instant now) {
    return tx.inTransaction(() -> {
      tx.beginWrite("markDelivered");
      Row row = heldBy(notificationId, owner);
      if (row == null) {
        return false;
      }
      OutboxEntry e = row.entry();
      OutboxEntry delivered = new OutboxEntry(
          e.notification(), OutboxState.DELIVERED, e.attempts() + 1, e.nextAttemptAt(), e.lastError());
      store(new Row(delivered, null, null, now));
      return true;
    });
  }

  @Override
  public boolean markFailed(
      String notificationId, String owner, int attempts, @Nullable Instant retryAt, String error) {
    return tx.inTransaction(() -> {
      tx.beginWrite("markFailed");
      Row row = heldBy(notificationId, owner);
      if (row == null) {
        return false;
      }
      OutboxEntry e = row.entry();
      OutboxEntry failed = retryAt == null
          ? new OutboxEntry(e.notification(), OutboxState.DEAD, attempts, e.nextAttemptAt(), error)
          : new OutboxEntry(e.notification(), OutboxState.PENDING, attempts, retryAt, error);
      store(new Row(failed, null, null, null));
      return true;
    });
  }

  /**
   * The pending row if {@code owner} is its leaseholder. An expired lease still counts while nobody
   * else has claimed the row: the work was done, and nobody can have repeated it.
   */
  private @Nullable Row heldBy(String notificationId, String owner) {
    Row row = rows.get(notificationId);
    boolean held = row != null && row.state() == OutboxState.PENDING && owner.equals(row.leaseOwner());
    return held ? row : null;
  }

  @Override
  public List<OutboxEntry> deadLetters(int limit) {
    return tx.read(() -> dead.stream()
        .limit(Math.max(0, limit))
        .map(key -> rows.get(key.id()).entry())
        .toList());
  }

  @Override
  public boolean redrive(String notificationId, Instant now) {
    return tx.inTransaction(() -> {
      tx.beginWrite("redrive");
      return redriveRow(notificationId, now);
    });
  }

  @Override
  public int redriveAll(Instant now) {
    return tx.inTransaction(() -> {
      tx.beginWrite("redriveAll");
      int count = 0;
      for (At key : List.copyOf(dead)) {
        if (redriveRow(key.id(), now)) {
          count++;
        }
      }
      return count;
    });
  }

  private boolean redriveRow(String notificationId, Instant now) {
    Row row = rows.get(notificationId);
    if (row == null || row.state() != OutboxState.DEAD) {
      return false;
    }
    OutboxEntry e = row.entry();
    // The last error stays: it tells an operator why the entry had died.
    store(new Row(
        new OutboxEntry(e.notification(), OutboxState.PENDING, 0, now, e.lastError()), null, null, null));
    return true;
  }

  @Override
  public long pendingCount() {
    return tx.read(due::size);
  }

  @Override
  public long deadCount() {
    return tx.read(dead::size);
  }

  @Override
  public int purgeDelivered(Instant before) {
    return tx.inTransaction(() -> {
      tx.beginWrite("purgeDelivered");
      List<String> old = rows.values().stream()
          .filter(r -> r.deliveredAt() != null && r.deliveredAt().isBefore(before))
          .map(Row::id)
          .toList();
      old.forEach(id -> tx.remove(rows, id));
      return old.size();
    });
  }

  /** Removes every notification about the ticket, in the caller's unit of work (ticket purge). */
  void removeTicket(String ticketId) {
    List<Row> about = rows.values().stream()
        .filter(r -> r.entry().notification().ticketId().equals(ticketId))
        .toList();
    for (Row r : about) {
      tx.remove(rows, r.id());
      NavigableSet<At> index = index(r.entry().state());
      if (index != null) {
        tx.removeElement(index, indexKey(r));
      }
    }
  }

  /** Writes a row and keeps the due and dead indexes in step with its state. */
  private void store(Row row) {
    Row previous = tx.put(rows, row.id(), row);
    At key = indexKey(row);
    NavigableSet<At> index = index(row.state());
    if (previous != null) {
      At previousKey = indexKey(previous);
      NavigableSet<At> previousIndex = index(previous.state());
      if (previousIndex == index && previousKey.equals(key)) {
        // Leaving the index untouched lets claimDue write rows while it iterates over `due`.
        return;
      }
      if (previousIndex != null) {
        tx.removeElement(previousIndex, previousKey);
      }
    }
    if (index != null) {
      tx.add(index, key);
    }
  }

  private @Nullable NavigableSet<At> index(OutboxState state) {
    return switch (state) {
      case PENDING -> due;
      case DEAD -> dead;
      case DELIVERED -> null;
    };
  }

  private static At indexKey(Row row) {
    OutboxEntry e = row.entry();
    Instant at = e.state() == OutboxState.DEAD ? e.notification().occurredAt() : e.nextAttemptAt();
    return new At(at, row.id());
  }
}
