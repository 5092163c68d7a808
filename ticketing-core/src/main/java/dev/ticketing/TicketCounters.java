package dev.ticketing;

import dev.ticketing.policy.Actor;
import org.jspecify.annotations.Nullable;

/**
 * The ticket counters statistics and totals are read from: kept in the unit of work of every
 * ticket write, they always equal the tickets, unless something wrote tickets around the engine (a
 * bulk import in SQL, a restored backup of one table). {@link #reconcile} finds and repairs such
 * drift.
 *
 * @since 0.2.0
 */
public interface TicketCounters {

  /** Whether counters are kept ({@link CounterSettings#enabled()} and a store that keeps them). */
  boolean enabled();

  /**
   * Counts the tickets (of one company, or all when {@code companyId} is null) page by page,
   * compares every counter with the count and, when {@code repair}, adds the difference to the
   * counters that drifted. Counting every company also checks the counters kept for every company
   * together (company {@code *}) against the sum; repairing one company corrects those by the
   * same differences. Writes during the run can show as drift that is none: run it when
   * writes are quiet, or check first and repair a drift that shows twice. When counters are off
   * there is nothing to reconcile: the report compares no counter.
   *
   * @throws AccessDeniedException unless the actor may {@link
   *     dev.ticketing.policy.Operation#RECONCILE_COUNTERS} (admins and super admins by default)
   */
  CounterReport reconcile(Actor actor, @Nullable String companyId, boolean repair);

  /**
   * Sums each counter's stripes into one row and drops counters that are zero (a job: no actor,
   * like purging expired idempotency keys); returns how many rows it removed. Never needed for
   * correctness: it keeps the rows a read sums few.
   */
  int fold();
}
