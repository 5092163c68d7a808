package dev.ticketing.memory;

import dev.ticketing.sla.ClockState;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaStanding;
import dev.ticketing.sla.SlaState;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.spi.SlaListing;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An {@link SlaStore} in memory, beside an {@link InMemoryTicketStore}. Its units of work are its
 * own (one writer at a time, undone when the work throws); the engine opens one around each ticket
 * store unit of work, so clocks roll back with the change. Listings and claims scan every clock:
 * meant for tests, examples and prototypes.
 *
 * @since 0.1.0
 */
public final class InMemorySlaStore implements SlaStore {

  private static final Comparator<SlaRecord> CLOCK_ORDER =
      Comparator.comparing((SlaRecord r) -> r.clock(), SlaState.ORDER);

  private final Transactions tx = new Transactions();
  private final Map<String, List<SlaRecord>> byTicket = new HashMap<>();

  /** The standing at {@code now} of every ticket with clocks (a ticket without any has none). */
  Map<String, SlaStanding> standings(Instant now) {
    return tx.read(
        () -> {
          Map<String, SlaStanding> out = new HashMap<>();
          byTicket.forEach(
              (id, records) ->
                  out.put(
                      id, SlaStanding.of(records.stream().map(SlaRecord::clock).toList(), now)));
          return out;
        });
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public List<SlaRecord> clocksForUpdate(String ticketId) {
    tx.beginWrite("clocksForUpdate"); // the write lock is the lock
    return byTicket.getOrDefault(ticketId, List.of());
  }

  @Override
  public Map<String, List<SlaRecord>> clocks(Collection<String> ticketIds) {
    return tx.read(
        () -> {
          Map<String, List<SlaRecord>> out = new LinkedHashMap<>();
          for (String id : ticketIds) {
            List<SlaRecord> records = byTicket.get(id);
            if (records != null && !records.isEmpty()) {
              out.put(id, records);
            }
          }
          return out;
        });
  }

  @Override
  public void saveClocks(String ticketId, List<SlaClock> clocks) {
    tx.beginWrite("saveClocks");
    List<SlaRecord> kept = byTicket.getOrDefault(ticketId, List.of());
    List<SlaRecord> next = new ArrayList<>();
    for (SlaClock c : clocks) {
      SlaRecord old = find(kept, c.target(), c.cycle());
      next.add(
          new SlaRecord(
              ticketId,
              c,
              old == null ? null : old.warningRaisedAt(),
              old == null ? null : old.breachRaisedAt()));
    }
    next.sort(CLOCK_ORDER);
    if (next.isEmpty()) {
      tx.remove(byTicket, ticketId);
    } else {
      tx.put(byTicket, ticketId, List.copyOf(next));
    }
  }

  @Override
  public void deleteClocks(String ticketId) {
    tx.beginWrite("deleteClocks");
    tx.remove(byTicket, ticketId);
  }

  @Override
  public List<SlaRecord> claimDueAlerts(Instant now, int limit) {
    tx.beginWrite("claimDueAlerts");
    return byTicket.values().stream()
        .flatMap(List::stream)
        .filter(r -> r.nextAlertAt() != null && !r.nextAlertAt().isAfter(now))
        .sorted(
            Comparator.comparing((SlaRecord r) -> r.nextAlertAt())
                .thenComparing(SlaRecord::ticketId)
                .thenComparing(CLOCK_ORDER))
        .limit(limit)
        .toList();
  }

  @Override
  public void markRaised(
      String ticketId,
      SlaTarget target,
      int cycle,
      @Nullable Instant warningRaisedAt,
      @Nullable Instant breachRaisedAt) {
    tx.beginWrite("markRaised");
    List<SlaRecord> kept = byTicket.get(ticketId);
    SlaRecord old = kept == null ? null : find(kept, target, cycle);
    if (kept == null || old == null) {
      return;
    }
    List<SlaRecord> next = new ArrayList<>(kept);
    next.set(
        kept.indexOf(old),
        old.raised(
            warningRaisedAt != null ? warningRaisedAt : old.warningRaisedAt(),
            breachRaisedAt != null ? breachRaisedAt : old.breachRaisedAt()));
    tx.put(byTicket, ticketId, List.copyOf(next));
  }

  @Override
  public List<SlaRecord> list(SlaListing listing) {
    return tx.read(
        () -> {
          Comparator<SlaListing.Position> order =
              Comparator.comparing(SlaListing.Position::at)
                  .thenComparing(SlaListing.Position::ticketId)
                  .thenComparing(SlaListing.Position::target)
                  .thenComparingInt(SlaListing.Position::cycle);
          return byTicket.values().stream()
              .flatMap(List::stream)
              .filter(r -> listing.target() == null || r.clock().target() == listing.target())
              .filter(r -> listed(listing, r.clock()))
              .filter(
                  r ->
                      listing.after() == null
                          || order.compare(listing.positionOf(r), listing.after()) > 0)
              .sorted(Comparator.comparing(listing::positionOf, order))
              .limit(listing.limit())
              .toList();
        });
  }

  @Override
  public List<SlaRecord> settled(Instant from, Instant to, @Nullable SlaRecord after, int limit) {
    return tx.read(
        () ->
            byTicket.values().stream()
                .flatMap(List::stream)
                .filter(r -> settledIn(r.clock(), from, to))
                .sorted(BY_IDENTITY)
                .filter(r -> after == null || BY_IDENTITY.compare(r, after) > 0)
                .limit(limit)
                .toList());
  }

  private static final Comparator<SlaRecord> BY_IDENTITY =
      Comparator.comparing(SlaRecord::ticketId).thenComparing(CLOCK_ORDER);

  private static boolean settledIn(SlaClock c, Instant from, Instant to) {
    return within(c.breachAt(), from, to)
        || (c.state() == ClockState.FULFILLED && within(c.stoppedAt(), from, to));
  }

  private static boolean within(@Nullable Instant t, Instant from, Instant to) {
    return t != null && !t.isBefore(from) && t.isBefore(to);
  }

  private static boolean listed(SlaListing listing, SlaClock c) {
    if (listing.order() == SlaListing.Order.DUE_SOONEST) {
      return c.state() == ClockState.ACTIVE;
    }
    Instant breach = c.breachAt();
    return breach != null
        && !breach.isAfter(listing.now())
        && (listing.order() == SlaListing.Order.BREACHED || c.state().isOpen());
  }

  private static @Nullable SlaRecord find(List<SlaRecord> records, SlaTarget target, int cycle) {
    for (SlaRecord r : records) {
      if (r.clock().target() == target && r.clock().cycle() == cycle) {
        return r;
      }
    }
    return null;
  }

  /** Every record kept: for tests that compare the store with a recomputation. */
  public List<SlaRecord> all() {
    return tx.read(() -> byTicket.values().stream().flatMap(List::stream).toList());
  }
}
