package dev.ticketing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a reconciliation of the ticket counters found.
 *
 * @param companyId the company reconciled, or null for every company
 * @param tickets the (non-deleted) tickets counted
 * @param counters the counters compared
 * @param drifts the counters that differed from the tickets, by company then key
 * @param repaired whether the drifts were corrected (each counter now equals the tickets as they
 *     were counted)
 * @since 0.2.0
 */
public record CounterReport(
    @Nullable String companyId,
    long tickets,
    long counters,
    List<CounterDrift> drifts,
    boolean repaired) {

  public CounterReport {
    drifts = List.copyOf(drifts);
  }

  /** Whether every counter equalled the tickets. */
  public boolean consistent() {
    return drifts.isEmpty();
  }
}
