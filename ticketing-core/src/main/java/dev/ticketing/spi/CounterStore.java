package dev.ticketing.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Ticket counters kept in the unit of work of each ticket write, so that statistics and totals are
 * read from a handful of rows instead of counted over the tickets. Every implementation passes
 * {@code CounterStoreContract} from {@code ticketing-tck}.
 *
 * <p><b>Stripes.</b> A counter is the sum of its stripes: rows of (company, key, stripe). A unit of
 * work adds its deltas to one stripe, chosen by the engine, so that concurrent writers on one
 * company mostly touch different rows and do not queue behind one row lock. {@link #fold} sums the
 * stripes of each counter into stripe 0 and removes the rest (and counters that sum to zero).
 *
 * <p>The store only adds and sums: which counters a ticket moves, and by how much, the engine
 * decides from the ticket before and after each write.
 *
 * @since 0.2.0
 */
public interface CounterStore {

  /**
   * Adds the deltas to stripe {@code stripe} of their counters, in the current unit of work (a
   * counter row that does not exist yet is created). The deltas come sorted by company and key;
   * the store writes their rows in that order.
   */
  void add(int stripe, List<CounterDelta> deltas);

  /**
   * The sums of the named counters of one company, or of every company when {@code companyId} is
   * null; a counter without rows is absent from the answer.
   */
  Map<String, Long> sums(@Nullable String companyId, Collection<String> keys);

  /** The sums of every counter whose key starts with {@code prefix}, as {@link #sums}. */
  Map<String, Long> sumsByPrefix(@Nullable String companyId, String prefix);

  /** Every counter of one company (or of all companies): company id to key to sum. */
  Map<String, Map<String, Long>> snapshot(@Nullable String companyId);

  /**
   * Sums each counter's stripes into stripe 0, deleting the other stripes and every counter whose
   * sum is zero, in a unit of work of its own; returns how many rows it removed. Concurrent writers
   * keep writing: a stripe they add to after the fold is simply a new row.
   */
  int fold();
}
