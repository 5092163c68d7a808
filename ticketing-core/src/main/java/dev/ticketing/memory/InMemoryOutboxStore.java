package dev.ticketing.memory;

import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxState;
import dev.ticketing.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The outbox of an {@link InMemoryTicketStore}. It shares the store's {@link Transactions}, so a
 * request enqueued in a unit of work that rolls back is gone with it, and every dispatcher call is a
 * unit of work of its own (or joins the caller's).
 */
final class InMemoryOutboxStore implements OutboxStore {

  /** An entry plus what only the store needs to know: who leases it, and when it was delivered. */
  private record Row(
      OutboxEntry entry,
      @Nullable String leaseOwner,
      @Nullable Instant leaseUntil,
      @Nullable Instant deliveredAt) {

    String id() {
      return entry.id();
    }

    OutboxState state() {
      return entry.state();
    }

    boolean leasedAt(Instant now) {
      return leaseUntil != null && leaseUntil.isAfter(now);
    }
  }

  /** A sort key: a time and, to break ties, the row id. */
  private record At(Instant at, String id) {}

  private static final Comparator<At> BY_TIME = Comparator.comparing(At::at).thenComparing(At::id);

  private final Transactions tx;

  private final Map<String, Row> rows = new LinkedHashMap<>();

  /** Pending rows by when they are due, so that claiming does not scan delivered ones. */
  private final NavigableSet<At> due = new TreeSet<>(BY_TIME);

  /** Dead rows by when their change happened. */
  private final NavigableSet<At> dead = new TreeSet<>(BY_TIME);

  InMemoryOutboxStore(Transactions tx) {
    this.tx = tx;
  }

  /** Adds pending request rows due when their change happened; must run inside a unit of work. */
  void enqueue(List<NotificationRequest> requests) {
    tx.beginWrite("enqueue");
    List<OutboxEntry> entries = requests.stream().map(OutboxEntry::of).toList();
    insert(entries);
  }

  /** Checks everything first: a caller that catches the failure must not keep half the batch. */
  private void insert(List<OutboxEntry> entries) {
    Set<String> ids = new HashSet<>();
    for (OutboxEntry e : entries) {
      if (rows.containsKey(e.id()) || !ids.add(e.id())) {
        throw new IllegalStateException("outbox row " + e.id() + " exists already");
      }
    }
    for (OutboxEntry e : entries) {
      store(new Row(e, null, null, null));
    }
  }

  /** Every row in any state, in the order written. */
  List<OutboxEntry> entries() {
    return tx.read(() -> rows.values().stream().map(Row::entry).toList());
  }

  @Override
  public List<OutboxEntry> claimDue(
      String owner, Instant now, Duration lease, int max, Collection<String> channels) {
    Set<String> served = Set.copyOf(channels);
    return tx.inTransaction(
        () -> {
          tx.beginWrite("claimDue");
          Instant until = now.plus(lease);
          List<OutboxEntry> claimed = new ArrayList<>();
          for (At key : due) {
            if (claimed.size() >= max || key.at().isAfter(now)) {
              break;
            }
            Row row = rows.get(key.id());
            if (row == null || row.leasedAt(now) || !served.contains(row.entry().channel())) {
              continue;
            }
            store(new Row(row.entry(), owner, until, null));
            claimed.add(row.entry());
          }
          return List.copyOf(claimed);
        });
  }

  @Override
  public boolean markDelivered(String entryId, String owner, Instant now) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("markDelivered");
          Row row = heldBy(entryId, owner);
          if (row == null) {
            return false;
          }
          store(
              new Row(
                  withState(
                      row.entry(),
                      OutboxState.DELIVERED,
                      row.entry().attempts() + 1,
                      row.entry().nextAttemptAt(),
                      row.entry().lastError()),
                  null,
                  null,
                  now));
          return true;
        });
  }

  @Override
  public boolean markFailed(
      String entryId, String owner, int attempts, @Nullable Instant retryAt, String error) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("markFailed");
          Row row = heldBy(entryId, owner);
          if (row == null) {
            return false;
          }
          OutboxEntry e = row.entry();
          OutboxEntry failed =
              retryAt == null
                  ? withState(e, OutboxState.DEAD, attempts, e.nextAttemptAt(), error)
                  : withState(e, OutboxState.PENDING, attempts, retryAt, error);
          store(new Row(failed, null, null, null));
          return true;
        });
  }

  @Override
  public boolean markResolved(
      String entryId, String owner, Instant now, List<OutboxEntry> deliveries) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("markResolved");
          Row row = heldBy(entryId, owner);
          if (row == null) {
            return false;
          }
          insert(deliveries);
          store(
              new Row(
                  withState(
                      row.entry(),
                      OutboxState.DELIVERED,
                      row.entry().attempts() + 1,
                      row.entry().nextAttemptAt(),
                      row.entry().lastError()),
                  null,
                  null,
                  now));
          return true;
        });
  }

  /**
   * The pending row if {@code owner} is its leaseholder. An expired lease still counts while nobody
   * else has claimed the row: the work was done, and nobody can have repeated it.
   */
  private @Nullable Row heldBy(String entryId, String owner) {
    Row row = rows.get(entryId);
    boolean held =
        row != null && row.state() == OutboxState.PENDING && owner.equals(row.leaseOwner());
    return held ? row : null;
  }

  @Override
  public List<OutboxEntry> list(OutboxState state, @Nullable String channel, int limit) {
    return tx.read(
        () ->
            rows.values().stream()
                .map(Row::entry)
                .filter(e -> e.state() == state && (channel == null || channel.equals(e.channel())))
                .sorted(
                    Comparator.comparing((OutboxEntry e) -> e.request().occurredAt())
                        .thenComparing(OutboxEntry::id))
                .limit(Math.max(0, limit))
                .toList());
  }

  @Override
  public boolean redrive(String entryId, Instant now) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("redrive");
          return redriveRow(entryId, now);
        });
  }

  @Override
  public int redriveAll(@Nullable String channel, Instant now) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("redriveAll");
          int count = 0;
          for (At key : List.copyOf(dead)) {
            Row row = rows.get(key.id());
            if (row != null
                && (channel == null || channel.equals(row.entry().channel()))
                && redriveRow(key.id(), now)) {
              count++;
            }
          }
          return count;
        });
  }

  private boolean redriveRow(String entryId, Instant now) {
    Row row = rows.get(entryId);
    if (row == null || row.state() != OutboxState.DEAD) {
      return false;
    }
    // The last error stays: it tells an operator why the row had died.
    store(
        new Row(
            withState(row.entry(), OutboxState.PENDING, 0, now, row.entry().lastError()),
            null,
            null,
            null));
    return true;
  }

  @Override
  public Map<String, Long> count(OutboxState state) {
    return tx.read(
        () -> {
          Map<String, Long> out = new TreeMap<>();
          Collection<Row> counted =
              switch (state) {
                case PENDING -> due.stream().map(k -> rows.get(k.id())).toList();
                case DEAD -> dead.stream().map(k -> rows.get(k.id())).toList();
                case DELIVERED ->
                    rows.values().stream().filter(r -> r.state() == OutboxState.DELIVERED).toList();
              };
          counted.forEach(r -> out.merge(r.entry().channel(), 1L, Long::sum));
          return out;
        });
  }

  @Override
  public int purgeDelivered(Instant before) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("purgeDelivered");
          List<String> old =
              rows.values().stream()
                  .filter(r -> r.deliveredAt() != null && r.deliveredAt().isBefore(before))
                  .map(Row::id)
                  .toList();
          old.forEach(id -> tx.remove(rows, id));
          return old.size();
        });
  }

  /** Removes every row about the ticket, in the caller's unit of work (ticket purge). */
  void removeTicket(String ticketId) {
    List<Row> about =
        rows.values().stream()
            .filter(r -> r.entry().request().ticketId().equals(ticketId))
            .toList();
    for (Row r : about) {
      tx.remove(rows, r.id());
      NavigableSet<At> index = index(r.state());
      if (index != null) {
        tx.removeElement(index, indexKey(r));
      }
    }
  }

  private static OutboxEntry withState(
      OutboxEntry e, OutboxState state, int attempts, Instant next, @Nullable String error) {
    return new OutboxEntry(
        e.id(), e.channel(), e.request(), e.recipientId(), state, attempts, next, error);
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
    Instant at = e.state() == OutboxState.DEAD ? e.request().occurredAt() : e.nextAttemptAt();
    return new At(at, row.id());
  }
}
