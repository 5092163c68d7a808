package dev.ticketing.spi;

import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaTarget;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where the clocks of service-level targets are kept for fast queries: one record per (ticket,
 * target, cycle), written in the unit of work of the change that moved it. Every implementation
 * passes {@code SlaStoreContract} from {@code ticketing-tck}.
 *
 * <p><b>Units of work.</b> {@link #inTransaction} runs work in one unit of work, joining one open
 * on the thread; the engine opens it around the ticket store's, so that clocks commit or roll back
 * with the change. A store on the same database as the ticket store shares its transaction.
 *
 * <p><b>Alerts, exactly once.</b> {@link #claimDueAlerts} locks the records it returns until the
 * unit of work ends, skipping records another unit holds; {@link #clocksForUpdate} locks a
 * ticket's records the same way but waits for them. A scheduler claims, raises, marks and commits
 * in one unit of work, so two schedulers never raise the same alert, and a change of the ticket
 * never writes over a raised mark.
 *
 * @since 0.1.0
 */
public interface SlaStore {

  /** Runs {@code work} in a unit of work (joining one already open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /**
   * The ticket's records, ordered by target and cycle, locked until the unit of work ends (waiting
   * for a scheduler that holds one).
   */
  List<SlaRecord> clocksForUpdate(String ticketId);

  /** The records of many tickets, by ticket id; tickets without clocks are absent. */
  Map<String, List<SlaRecord>> clocks(Collection<String> ticketIds);

  /**
   * Makes the ticket's clocks these: a (target, cycle) not kept yet is added with nothing raised, one
   * kept already is updated and keeps its raised marks, one no longer listed is deleted.
   */
  void saveClocks(String ticketId, List<SlaClock> clocks);

  /** Deletes every clock of the ticket (its erasure). */
  void deleteClocks(String ticketId);

  /**
   * Claims up to {@code limit} records whose {@link SlaRecord#nextAlertAt()} has come at {@code
   * now}, earliest first, skipping records another unit of work holds; locked until this unit of
   * work ends. Must run inside {@link #inTransaction}.
   */
  List<SlaRecord> claimDueAlerts(Instant now, int limit);

  /**
   * Records the raised marks of one clock (null leaves a mark as it is). Locks that clock only: two
   * units of work that claimed different clocks of one ticket mark them without waiting for each
   * other.
   */
  void markRaised(
      String ticketId,
      SlaTarget target,
      int cycle,
      @Nullable Instant warningRaisedAt,
      @Nullable Instant breachRaisedAt);

  /** A page of a listing, in its order, strictly after its position. */
  List<SlaRecord> list(SlaListing listing);

  /**
   * The records settled in a period, for statistics: those whose {@link SlaClock#breachAt()} lies
   * in {@code [from, to)}, and the {@link dev.ticketing.sla.ClockState#FULFILLED fulfilled} ones
   * whose {@link SlaClock#stoppedAt()} does; ordered by ticket id, target and cycle, strictly after
   * {@code after}'s (ticket, target, cycle) when given, at most {@code limit}. The engine decides
   * what each one counts for.
   *
   * @since 0.2.0
   */
  default List<SlaRecord> settled(Instant from, Instant to, @Nullable SlaRecord after, int limit) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no SLA statistics");
  }
}
