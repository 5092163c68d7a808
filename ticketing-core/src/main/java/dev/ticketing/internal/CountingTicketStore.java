package dev.ticketing.internal;

import dev.ticketing.CounterSettings;
import dev.ticketing.TagCount;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CounterDelta;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.spi.ForwardingTicketStore;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The ticket store as the engine sees it: every ticket write (insert, update, purge) also moves the
 * ticket counters, in the same unit of work, by the deltas {@link CounterKeys} derives from the
 * ticket before and after; statistics, tag statistics and counts the counters can answer are read
 * from them. Everything else passes through unchanged.
 *
 * <p>A unit of work collects its deltas (each company's and their twins in the all-companies set)
 * and adds them, summed per counter and sorted, to one stripe chosen at random when its work
 * returns, in one call of the counter store (one statement on the stores of this library): the
 * counter rows are locked last and in one order, so writers never deadlock on them, and two
 * writers mostly touch different stripes. The ticket before a change is the one the unit read (the engine reads before it writes)
 * when its version is the one written, so that counting costs no extra read.
 *
 */
public final class CountingTicketStore extends ForwardingTicketStore {

  private final @Nullable CounterStore counters;
  private final CounterSettings settings;
  private final ThreadLocal<@Nullable Unit> unit = new ThreadLocal<>();

  /** A page total: the count, and whether counting stopped at the cap. */
  public record Total(long count, boolean capped) {}

  /** What the open unit of work on a thread has counted, and the tickets it read. */
  private static final class Unit {
    final List<CounterDelta> log = new ArrayList<>();
    final Map<String, TicketRecord> seen = new HashMap<>();

    void undo(int mark) {
      log.subList(mark, log.size()).clear();
      seen.clear();
    }
  }

  public CountingTicketStore(
      TicketStore delegate, @Nullable CounterStore counters, CounterSettings settings) {
    super(delegate);
    this.counters = settings.enabled() ? counters : null;
    this.settings = settings;
  }

  /** The store itself, under any counting wrapper. */
  public static TicketStore unwrap(TicketStore store) {
    return store instanceof CountingTicketStore c ? c.delegate() : store;
  }

  /** The counters kept, or null when they are off. */
  public @Nullable CounterStore counterStore() {
    return counters;
  }

  public CounterSettings settings() {
    return settings;
  }

  // ------------------------------------------------------------------ units of work

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (counters == null) {
      return delegate().inTransaction(work);
    }
    Unit open = unit.get();
    if (open != null) {
      int mark = open.log.size();
      try {
        return delegate().inTransaction(work);
      } catch (RuntimeException | Error e) {
        // The joined part's writes are undone (or the whole unit fails): so are its deltas.
        open.undo(mark);
        throw e;
      }
    }
    Unit mine = new Unit();
    unit.set(mine);
    try {
      return delegate()
          .inTransaction(
              () -> {
                T result = work.get();
                flush(mine.log);
                mine.log.clear();
                return result;
              });
    } finally {
      unit.remove();
    }
  }

  private void flush(List<CounterDelta> log) {
    if (log.isEmpty() || counters == null) {
      return;
    }
    List<CounterDelta> out = CounterKeys.summed(log);
    if (!out.isEmpty()) {
      counters.add(ThreadLocalRandom.current().nextInt(settings.stripes()), out);
    }
  }

  private void counted(@Nullable TicketRecord before, @Nullable TicketRecord after) {
    if (counters == null) {
      return;
    }
    List<CounterDelta> deltas = CounterKeys.deltas(before, after);
    Unit open = unit.get();
    if (open != null) {
      open.log.addAll(deltas);
      if (after != null) {
        open.seen.put(after.id(), after);
      } else if (before != null) {
        open.seen.remove(before.id());
      }
    } else {
      // A write in a unit of work opened elsewhere (a companion store's): counted right away.
      flush(deltas);
    }
  }

  /** True when this thread's unit of work has deltas not yet added: reads then count. */
  private boolean pending() {
    Unit open = unit.get();
    return open != null && !open.log.isEmpty();
  }

  private @Nullable TicketRecord before(String id, long version) {
    Unit open = unit.get();
    TicketRecord seen = open == null ? null : open.seen.get(id);
    if (seen != null && seen.version() == version) {
      return seen;
    }
    return delegate().findTicket(id).orElse(null);
  }

  private void remember(TicketRecord t) {
    Unit open = unit.get();
    if (open != null && counters != null) {
      open.seen.put(t.id(), t);
    }
  }

  // ------------------------------------------------------------------ counted writes

  @Override
  public void insertTicket(TicketRecord ticket) {
    delegate().insertTicket(ticket);
    counted(null, ticket);
  }

  @Override
  public TicketRecord updateTicket(TicketRecord changed) {
    if (counters == null) {
      return delegate().updateTicket(changed);
    }
    TicketRecord before = before(changed.id(), changed.version());
    TicketRecord stored = delegate().updateTicket(changed);
    counted(before, stored);
    return stored;
  }

  @Override
  public PurgedTicket purgeTicket(String ticketId) {
    if (counters == null) {
      return delegate().purgeTicket(ticketId);
    }
    Unit open = unit.get();
    TicketRecord before = open == null ? null : open.seen.get(ticketId);
    if (before == null) {
      before = delegate().findTicket(ticketId).orElse(null);
    }
    PurgedTicket purged = delegate().purgeTicket(ticketId);
    counted(before, null);
    return purged;
  }

  @Override
  public Optional<TicketRecord> findTicket(String id) {
    Optional<TicketRecord> found = delegate().findTicket(id);
    found.ifPresent(this::remember);
    return found;
  }

  @Override
  public Optional<TicketRecord> findTicketForChange(String id) {
    Optional<TicketRecord> found = delegate().findTicketForChange(id);
    found.ifPresent(this::remember);
    return found;
  }

  @Override
  public Map<String, TicketRecord> findTickets(Collection<String> ids) {
    Map<String, TicketRecord> found = delegate().findTickets(ids);
    found.values().forEach(this::remember);
    return found;
  }

  // ------------------------------------------------------------------ counted reads

  @Override
  public TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    Optional<String> company = CounterKeys.statsCompany(scope, companyId);
    if (counters == null || company.isEmpty() || pending()) {
      return delegate().stats(scope, companyId);
    }
    CounterStore c = counters;
    return CounterKeys.stats(c.sums(company.get(), CounterKeys.STATS_KEYS));
  }

  @Override
  public List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    Optional<String> company = CounterKeys.statsCompany(scope, companyId);
    if (counters == null || company.isEmpty() || pending()) {
      return delegate().tagCounts(scope, companyId, limit);
    }
    CounterStore c = counters;
    String of = company.get();
    return CounterKeys.tagCounts(
        c.sumsByPrefix(of, CounterKeys.TAG), c.sumsByPrefix(of, CounterKeys.ACTIVE_TAG), limit);
  }

  @Override
  public long count(TicketQuery query) {
    Optional<CounterKeys.Countable> countable = CounterKeys.countable(query);
    if (counters == null || countable.isEmpty() || pending()) {
      return delegate().count(query);
    }
    return counted(countable.get());
  }

  private long counted(CounterKeys.Countable c) {
    CounterStore store = counters;
    if (store == null) {
      throw new IllegalStateException("counters are off");
    }
    return CounterKeys.count(c, store.sums(c.companyId(), CounterKeys.countKeys(c)));
  }

  /**
   * A page's total: exact from the counters when they answer the query, otherwise counted up to
   * the cap (one row past it tells that there are more).
   */
  public Total total(TicketQuery query) {
    Optional<CounterKeys.Countable> countable = CounterKeys.countable(query);
    if (counters != null && countable.isPresent() && !pending()) {
      return new Total(counted(countable.get()), false);
    }
    long cap = settings.totalCountCap();
    long n = delegate().countAtMost(query, cap + 1);
    return n > cap ? new Total(cap, true) : new Total(n, false);
  }
}
