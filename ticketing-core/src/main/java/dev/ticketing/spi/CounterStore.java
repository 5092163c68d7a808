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
 * <p><b>The all-companies set.</b> Besides each company's counters the engine keeps the same
 * counters for every company together, under the reserved company id {@link #ALL_COMPANIES} (never
 * a valid company id): each delta of a company comes with its twin for {@code ALL_COMPANIES} in the
 * same unit of work, so statistics and totals over every company read a few rows whatever the
 * number of companies. To the store it is one more company.
 *
 * <p>The store only adds and sums: which counters a ticket moves, and by how much, the engine
 * decides from the ticket before and after each write.
 *
 * @since 0.2.0
 */
public interface CounterStore {

  /**
   * The company id of the counters of every company together: {@code *}, which no company id can
   * be (ids are letters, digits and {@code . _ : @ -}). Sorts before every company id.
   */
  String ALL_COMPANIES = "*";

  /**
   * Adds the deltas to stripe {@code stripe} of their counters, in the current unit of work (a
   * counter row that does not exist yet is created). The deltas come sorted by company and key, one
   * per counter; the store writes their rows in that order (so two writers never wait on each other
   * in a cycle), in as few statements as it can: a unit of work's deltas are one statement on the
   * stores of this library.
   */
  void add(int stripe, List<CounterDelta> deltas);

  /**
   * The sums of the named counters of one company ({@link #ALL_COMPANIES}: of every company
   * together); a counter without rows is absent from the answer.
   */
  Map<String, Long> sums(String companyId, Collection<String> keys);

  /** The sums of every counter whose key starts with {@code prefix}, as {@link #sums}. */
  Map<String, Long> sumsByPrefix(String companyId, String prefix);

  /**
   * Every counter of one company, or, when {@code companyId} is null, of every company id stored
   * ({@link #ALL_COMPANIES} among them): company id to key to sum.
   */
  Map<String, Map<String, Long>> snapshot(@Nullable String companyId);

  /**
   * Sums each counter's stripes into stripe 0, deleting the other stripes and every counter whose
   * sum is zero, in a unit of work of its own; returns how many rows it removed. Concurrent writers
   * keep writing: a stripe they add to after the fold is simply a new row.
   */
  int fold();
}
