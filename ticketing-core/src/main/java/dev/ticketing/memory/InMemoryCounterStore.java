package dev.ticketing.memory;

import dev.ticketing.spi.CounterDelta;
import dev.ticketing.spi.CounterStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CounterStore} in memory. The one an {@link InMemoryTicketStore} gives ({@link
 * InMemoryTicketStore#counters()}) shares its units of work: counters written in a unit that rolls
 * back are put back with the tickets.
 *
 * @since 0.2.0
 */
public final class InMemoryCounterStore implements CounterStore {

  /** One row: a stripe of a company's counter. */
  private record Cell(String companyId, String key, int stripe) {}

  private final Transactions tx;
  private final Map<Cell, Long> cells = new HashMap<>();

  /** A store with units of work of its own. */
  public InMemoryCounterStore() {
    this(new Transactions());
  }

  InMemoryCounterStore(Transactions tx) {
    this.tx = tx;
  }

  /** Runs {@code work} in a unit of work of this store. */
  public <T> T inTransaction(java.util.function.Supplier<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public void add(int stripe, List<CounterDelta> deltas) {
    tx.beginWrite("addCounters");
    for (CounterDelta d : deltas) {
      Cell cell = new Cell(d.companyId(), d.key(), stripe);
      tx.put(cells, cell, cells.getOrDefault(cell, 0L) + d.delta());
    }
  }

  @Override
  public Map<String, Long> sums(String companyId, Collection<String> keys) {
    return tx.read(
        () -> {
          Map<String, Long> out = new TreeMap<>();
          cells.forEach(
              (c, n) -> {
                if (companyId.equals(c.companyId()) && keys.contains(c.key())) {
                  out.merge(c.key(), n, Long::sum);
                }
              });
          return out;
        });
  }

  @Override
  public Map<String, Long> sumsByPrefix(String companyId, String prefix) {
    return tx.read(
        () -> {
          Map<String, Long> out = new TreeMap<>();
          cells.forEach(
              (c, n) -> {
                if (companyId.equals(c.companyId()) && c.key().startsWith(prefix)) {
                  out.merge(c.key(), n, Long::sum);
                }
              });
          return out;
        });
  }

  @Override
  public Map<String, Map<String, Long>> snapshot(@Nullable String companyId) {
    return tx.read(
        () -> {
          Map<String, Map<String, Long>> out = new TreeMap<>();
          cells.forEach(
              (c, n) -> {
                if (companyId == null || companyId.equals(c.companyId())) {
                  out.computeIfAbsent(c.companyId(), k -> new TreeMap<>())
                      .merge(c.key(), n, Long::sum);
                }
              });
          return out;
        });
  }

  @Override
  public int fold() {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("foldCounters");
          Map<Cell, Long> folded = new HashMap<>();
          for (Map.Entry<Cell, Long> e : cells.entrySet()) {
            Cell c = e.getKey();
            folded.merge(new Cell(c.companyId(), c.key(), 0), e.getValue(), Long::sum);
          }
          int removed = 0;
          for (Cell c : new ArrayList<>(cells.keySet())) {
            Long sum = folded.get(new Cell(c.companyId(), c.key(), 0));
            if (c.stripe() != 0 || sum == null || sum == 0) {
              tx.remove(cells, c);
              removed++;
            }
          }
          for (Map.Entry<Cell, Long> e : folded.entrySet()) {
            if (e.getValue() != 0) {
              tx.put(cells, e.getKey(), e.getValue());
            }
          }
          return removed;
        });
  }

  /** How many rows (stripes of counters) are kept: what {@link #fold} reduces. */
  public int rows() {
    return tx.read(cells::size);
  }
}
