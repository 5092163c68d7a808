package dev.ticketing.internal;

import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TagCount;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CounterDelta;
import dev.ticketing.spi.CounterStore;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The counter rules, once for every store: which counters a ticket adds one to, the deltas of a
 * write (the counters of the ticket after minus those before), and which questions the counters
 * answer. A soft-deleted ticket counts nowhere, as statistics leave it out.
 */
public final class CounterKeys {

  /** Tickets per status: {@code s:OPEN}. Their sum is the number of (non-deleted) tickets. */
  static final String STATUS = "s:";

  /** Tickets per priority: {@code p:HIGH}. */
  static final String PRIORITY = "p:";

  /** Active tickets per priority: {@code ap:URGENT}. */
  static final String ACTIVE_PRIORITY = "ap:";

  /** Tickets per assignee: {@code a:agent-1}. */
  static final String ASSIGNEE = "a:";

  /** Unassigned tickets. */
  static final String UNASSIGNED = "u";

  /** Active unassigned tickets. */
  static final String ACTIVE_UNASSIGNED = "au";

  /** Tickets per category: {@code c:BILLING}. */
  static final String CATEGORY = "c:";

  /** Tickets per tag: {@code t:vip}. */
  public static final String TAG = "t:";

  /** Active tickets per tag: {@code at:vip}. */
  public static final String ACTIVE_TAG = "at:";

  /** The counters {@link #stats} reads. */
  static final List<String> STATS_KEYS;

  static {
    List<String> keys = new ArrayList<>();
    for (Status s : Status.values()) {
      keys.add(STATUS + s.name());
    }
    keys.add(ACTIVE_PRIORITY + Priority.URGENT.name());
    keys.add(ACTIVE_PRIORITY + Priority.HIGH.name());
    keys.add(ACTIVE_UNASSIGNED);
    STATS_KEYS = List.copyOf(keys);
  }

  private CounterKeys() {}

  /** The counters the ticket adds one to: none when it is soft-deleted (or gone). */
  public static Set<String> of(@Nullable TicketRecord t) {
    Set<String> keys = new TreeSet<>();
    if (t == null || t.deleted()) {
      return keys;
    }
    boolean active = t.status().isActive();
    keys.add(STATUS + t.status().name());
    keys.add(PRIORITY + t.priority().name());
    if (active) {
      keys.add(ACTIVE_PRIORITY + t.priority().name());
    }
    if (t.assigneeId() == null) {
      keys.add(UNASSIGNED);
      if (active) {
        keys.add(ACTIVE_UNASSIGNED);
      }
    } else {
      keys.add(ASSIGNEE + t.assigneeId());
    }
    keys.add(CATEGORY + t.category().name());
    for (String tag : t.tags()) {
      keys.add(TAG + tag);
      if (active) {
        keys.add(ACTIVE_TAG + tag);
      }
    }
    return keys;
  }

  /**
   * What a write changes: minus one on each counter of {@code before}, plus one on each of {@code
   * after} (null: the ticket did not exist, or is gone), those that cancel left out, each with its
   * twin in the all-companies set ({@link CounterStore#ALL_COMPANIES}); sorted.
   */
  public static List<CounterDelta> deltas(
      @Nullable TicketRecord before, @Nullable TicketRecord after) {
    Map<CounterDelta, Long> sums = new TreeMap<>();
    if (before != null) {
      for (String key : of(before)) {
        sums.merge(new CounterDelta(before.companyId(), key, 0), -1L, Long::sum);
      }
    }
    if (after != null) {
      for (String key : of(after)) {
        sums.merge(new CounterDelta(after.companyId(), key, 0), 1L, Long::sum);
      }
    }
    return withAllCompanies(sums);
  }

  /**
   * The deltas of companies, summed per counter, zeros left out, each with its twin in the
   * all-companies set, so that set always equals the sum of every company's counters; sorted by
   * company (the all-companies set first) and key, one delta per counter.
   */
  static List<CounterDelta> withAllCompanies(Map<CounterDelta, Long> byCompany) {
    Map<CounterDelta, Long> sums = new TreeMap<>();
    byCompany.forEach(
        (k, n) -> {
          if (n != 0 && !CounterStore.ALL_COMPANIES.equals(k.companyId())) {
            sums.merge(k, n, Long::sum);
            sums.merge(new CounterDelta(CounterStore.ALL_COMPANIES, k.key(), 0), n, Long::sum);
          }
        });
    List<CounterDelta> out = new ArrayList<>(sums.size());
    sums.forEach(
        (k, n) -> {
          if (n != 0) {
            out.add(new CounterDelta(k.companyId(), k.key(), n));
          }
        });
    return out;
  }

  /**
   * The deltas, summed per counter (company and key), zeros left out, sorted: what a unit of work
   * adds in one call of {@link CounterStore#add}.
   */
  static List<CounterDelta> summed(List<CounterDelta> deltas) {
    Map<CounterDelta, Long> sums = new TreeMap<>();
    for (CounterDelta d : deltas) {
      sums.merge(d, d.delta(), Long::sum);
    }
    List<CounterDelta> out = new ArrayList<>(sums.size());
    sums.forEach(
        (k, n) -> {
          if (n != 0) {
            out.add(new CounterDelta(k.companyId(), k.key(), n));
          }
        });
    return out;
  }

  /**
   * The company statistics in this scope are read for, when counters can answer: a scope that
   * restricts by company at most ({@link CounterStore#ALL_COMPANIES}: every company). Empty when
   * only counting can.
   */
  static Optional<String> statsCompany(VisibilityScope scope, @Nullable String companyId) {
    if (scope.nothing() || scope.requesterId() != null || scope.assigneeId() != null) {
      return Optional.empty();
    }
    return company(scope.companyId(), companyId);
  }

  private static Optional<String> company(@Nullable String a, @Nullable String b) {
    if (a != null && b != null && !a.equals(b)) {
      return Optional.empty(); // no ticket; the store says so without counters
    }
    String c = a != null ? a : b;
    return Optional.of(c == null ? CounterStore.ALL_COMPANIES : c);
  }

  /** Statistics from the sums of {@link #STATS_KEYS}. */
  static TicketStats stats(Map<String, Long> sums) {
    Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      long n = sums.getOrDefault(STATUS + s.name(), 0L);
      if (n != 0) {
        byStatus.put(s, n);
      }
    }
    return TicketStats.of(
        byStatus,
        sums.getOrDefault(ACTIVE_PRIORITY + Priority.URGENT.name(), 0L),
        sums.getOrDefault(ACTIVE_PRIORITY + Priority.HIGH.name(), 0L),
        sums.getOrDefault(ACTIVE_UNASSIGNED, 0L));
  }

  /** Tag statistics from the sums of the tag and active tag counters: most used first, then by tag. */
  static List<TagCount> tagCounts(Map<String, Long> tags, Map<String, Long> active, int limit) {
    List<TagCount> out = new ArrayList<>();
    tags.forEach(
        (key, n) -> {
          if (n > 0) {
            String tag = key.substring(TAG.length());
            out.add(new TagCount(tag, n, active.getOrDefault(ACTIVE_TAG + tag, 0L)));
          }
        });
    out.sort(Comparator.comparingLong(TagCount::tickets).reversed().thenComparing(TagCount::tag));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /**
   * How counters count what a listing's query matches: the company ({@link
   * CounterStore#ALL_COMPANIES}: every company),
   * the one counter that counts it (null: every ticket, the sum of the status counters) and whether
   * that counter is subtracted from every ticket (assigned tickets: all but the unassigned).
   */
  record Countable(String companyId, @Nullable String key, boolean complement) {}

  /**
   * The counter that answers the query, when one does: a scope of a company or an assignee at
   * most, and a filter on one of status, priority, category, assignee, (un)assigned or one tag,
   * besides the company. Anything else (a search, dates, requester, custom fields, deleted
   * tickets, two conditions) is counted by the store.
   */
  static Optional<Countable> countable(TicketQuery query) {
    VisibilityScope scope = query.scope();
    TicketFilter f = query.filter();
    if (scope.nothing()
        || scope.requesterId() != null
        || f.includeDeleted()
        || f.searchTerm() != null
        || !f.fields().isEmpty()
        || f.createdBy() != null
        || f.createdFrom() != null
        || f.createdTo() != null
        || f.requesterId() != null
        || f.tags().size() > 1
        || f.slaStanding() != null) {
      return Optional.empty();
    }
    Optional<String> company = company(scope.companyId(), f.companyId());
    if (company.isEmpty()) {
      return Optional.empty();
    }
    String assignee = scope.assigneeId();
    if (f.assignedToId() != null) {
      if (assignee != null && !assignee.equals(f.assignedToId())) {
        return Optional.empty();
      }
      assignee = f.assignedToId();
    }
    List<String> keys = new ArrayList<>(1);
    boolean complement = false;
    if (f.status() != null) {
      keys.add(STATUS + f.status().name());
    }
    if (f.priority() != null) {
      keys.add(PRIORITY + f.priority().name());
    }
    if (f.category() != null) {
      keys.add(CATEGORY + f.category().name());
    }
    if (assignee != null) {
      keys.add(ASSIGNEE + assignee);
    }
    if (f.unassigned() != null) {
      keys.add(UNASSIGNED);
      complement = !f.unassigned();
    }
    if (f.tags().size() == 1) {
      keys.add(TAG + f.tags().get(0));
    }
    if (keys.size() > 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Countable(company.get(), keys.isEmpty() ? null : keys.get(0), complement));
  }

  /** The counters {@link #count} reads for the countable. */
  static List<String> countKeys(Countable c) {
    List<String> keys = new ArrayList<>();
    if (c.key() == null || c.complement()) {
      for (Status s : Status.values()) {
        keys.add(STATUS + s.name());
      }
    }
    if (c.key() != null) {
      keys.add(c.key());
    }
    return keys;
  }

  /** The count, from the sums of {@link #countKeys}. */
  static long count(Countable c, Map<String, Long> sums) {
    long all = 0;
    for (Status s : Status.values()) {
      all += sums.getOrDefault(STATUS + s.name(), 0L);
    }
    if (c.key() == null) {
      return all;
    }
    long n = sums.getOrDefault(c.key(), 0L);
    return c.complement() ? all - n : n;
  }

  /** Adds one ticket's counters to a tally: company to key to count (the recount). */
  static void tally(TicketRecord t, Map<String, Map<String, Long>> tally) {
    Map<String, Long> company = null;
    for (String key : of(t)) {
      if (company == null) {
        company = tally.computeIfAbsent(t.companyId(), c -> new HashMap<>());
      }
      company.merge(key, 1L, Long::sum);
    }
  }
}
