package dev.ticketing.internal;

import dev.ticketing.CounterDrift;
import dev.ticketing.CounterReport;
import dev.ticketing.TicketCounters;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.CounterDelta;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reconciliation of the ticket counters: the tickets are counted page by page with the same rules
 * the writes use ({@link CounterKeys}), and each counter that differs is reported and, when asked,
 * corrected by adding the difference to its stripe 0 in one unit of work. Reconciling every
 * company also compares the all-companies set ({@link CounterStore#ALL_COMPANIES}) with the sum of
 * the companies' counts; reconciling one company repairs the all-companies set by the same
 * differences.
 */
public final class DefaultTicketCounters implements TicketCounters {

  /** Tickets read per page while counting. */
  static final int PAGE = 1000;

  private final CountingTicketStore store;
  private final PermissionPolicy policy;

  public DefaultTicketCounters(CountingTicketStore store, PermissionPolicy policy) {
    this.store = store;
    this.policy = policy;
  }

  @Override
  public boolean enabled() {
    return store.counterStore() != null;
  }

  @Override
  public CounterReport reconcile(Actor actor, @Nullable String companyId, boolean repair) {
    if (companyId != null) {
      InputValidator.checkId("companyId", companyId);
    }
    if (!actor.isStaff() || !policy.permits(actor, Operation.RECONCILE_COUNTERS)) {
      throw Access.denied(actor, Operation.RECONCILE_COUNTERS, "ticket counters");
    }
    CounterStore counters = store.counterStore();
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    long tickets = recount(store.delegate(), companyId, expected);
    if (companyId == null) {
      expected.put(CounterStore.ALL_COMPANIES, allCompanies(expected));
    }
    if (counters == null) {
      return new CounterReport(companyId, tickets, 0, List.of(), false);
    }
    Map<String, Map<String, Long>> actual = counters.snapshot(companyId);
    List<CounterDrift> drifts = new ArrayList<>();
    long compared = 0;
    TreeSet<String> companies = new TreeSet<>(expected.keySet());
    companies.addAll(actual.keySet());
    for (String company : companies) {
      Map<String, Long> want = expected.getOrDefault(company, Map.of());
      Map<String, Long> have = actual.getOrDefault(company, Map.of());
      TreeSet<String> keys = new TreeSet<>(want.keySet());
      keys.addAll(have.keySet());
      for (String key : keys) {
        compared++;
        long w = want.getOrDefault(key, 0L);
        long h = have.getOrDefault(key, 0L);
        if (w != h) {
          drifts.add(new CounterDrift(company, key, h, w));
        }
      }
    }
    if (repair && !drifts.isEmpty()) {
      Map<CounterDelta, Long> byCounter = new TreeMap<>();
      for (CounterDrift d : drifts) {
        byCounter.put(new CounterDelta(d.companyId(), d.key(), 0), d.expected() - d.counted());
      }
      // Every company counted: each counter, the all-companies set too, is set to its count. One
      // company: its corrections go to the all-companies set as well, which keeps that set the sum
      // of the companies (what drifted a company, a write around the engine, drifted it alike).
      List<CounterDelta> deltas =
          companyId == null
              ? CounterKeys.summed(asDeltas(byCounter))
              : CounterKeys.withAllCompanies(byCounter);
      store
          .delegate()
          .inTransaction(
              () -> {
                counters.add(0, deltas);
                return null;
              });
    }
    return new CounterReport(companyId, tickets, compared, drifts, repair && !drifts.isEmpty());
  }

  private static List<CounterDelta> asDeltas(Map<CounterDelta, Long> byCounter) {
    List<CounterDelta> out = new ArrayList<>(byCounter.size());
    byCounter.forEach((k, n) -> out.add(new CounterDelta(k.companyId(), k.key(), n)));
    return out;
  }

  /** The all-companies set a tally of every company should have: each key summed over them. */
  private static Map<String, Long> allCompanies(Map<String, Map<String, Long>> byCompany) {
    Map<String, Long> all = new TreeMap<>();
    byCompany.forEach((company, keys) -> keys.forEach((k, n) -> all.merge(k, n, Long::sum)));
    return all;
  }

  /** Counts the non-deleted tickets into {@code tally}, a page at a time; returns how many. */
  static long recount(
      TicketStore store, @Nullable String companyId, Map<String, Map<String, Long>> tally) {
    VisibilityScope scope =
        companyId == null ? VisibilityScope.EVERYTHING : VisibilityScope.company(companyId);
    Keyset after = null;
    long tickets = 0;
    Map<String, Map<String, Long>> counted = new HashMap<>();
    while (true) {
      List<TicketRow> rows =
          store.list(
              new TicketQuery(
                  scope,
                  TicketFilter.none(),
                  CommentSearch.NONE,
                  SortOrder.NEWEST_FIRST,
                  after,
                  PAGE));
      for (TicketRow row : rows) {
        TicketRecord t = row.ticket();
        if (!t.deleted()) {
          tickets++;
          CounterKeys.tally(t, counted);
        }
      }
      if (rows.size() < PAGE) {
        break;
      }
      TicketRecord last = rows.get(rows.size() - 1).ticket();
      after = new Keyset(last.createdAt(), last.id());
    }
    counted.forEach((company, keys) -> tally.put(company, new TreeMap<>(keys)));
    return tickets;
  }

  @Override
  public int fold() {
    CounterStore counters = store.counterStore();
    return counters == null ? 0 : counters.fold();
  }
}
