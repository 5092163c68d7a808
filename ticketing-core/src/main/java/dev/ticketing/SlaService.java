package dev.ticketing;

import dev.ticketing.policy.Actor;
import dev.ticketing.sla.SlaTarget;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads of service-level targets, for staff: a ticket's targets with due time, remaining working
 * time and status, and the desk-wide lists of what is due soonest and what has breached, with
 * keyset pagination.
 *
 * @since 0.1.0
 */
public interface SlaService {

  /** How many items a page holds when the caller does not say. */
  int DEFAULT_PAGE_SIZE = 20;

  /** How many items a page holds at most. */
  int MAX_PAGE_SIZE = 100;

  /**
   * The targets of a ticket whose history the actor may read (staff who see it), by target and
   * cycle; not found for a ticket they do not see.
   */
  List<SlaTargetView> targets(Actor actor, String ticketId);

  /**
   * The targets of many tickets, for a page of a listing: tickets the actor may not read, and
   * tickets without targets, are absent. A constant number of store calls whatever the number.
   */
  Map<String, List<SlaTargetView>> targets(Actor actor, Collection<String> ticketIds);

  /**
   * Open targets by due time, soonest first (admins: every ticket).
   *
   * @param target only this target; null: all
   * @param first page size, 1 to {@link #MAX_PAGE_SIZE}
   * @param after the {@code endCursor} of the previous page; null for the first
   */
  SlaPage dueSoonest(Actor actor, @Nullable SlaTarget target, int first, @Nullable String after);

  /** Targets whose due time has come unmet, longest overdue first (admins: every ticket). */
  SlaPage breached(Actor actor, @Nullable SlaTarget target, int first, @Nullable String after);

  /**
   * Targets whose due time has come unmet and that are still open (active or paused): what is
   * overdue now, longest overdue first (admins: every ticket).
   *
   * @since 0.2.0
   */
  default SlaPage overdue(
      Actor actor, @Nullable SlaTarget target, int first, @Nullable String after) {
    throw new UnsupportedOperationException(getClass().getName() + " lists no overdue targets");
  }

  /**
   * The policies in the order they are tried, for admins (the operation of the desk-wide listings).
   *
   * @since 0.2.0
   */
  default List<dev.ticketing.sla.SlaPolicy> policies(Actor actor) {
    throw new UnsupportedOperationException(getClass().getName() + " shows no SLA policies");
  }

  /**
   * The business calendars the policies count in, by id, for staff.
   *
   * @since 0.2.0
   */
  default List<dev.ticketing.sla.BusinessCalendar> calendars(Actor actor) {
    throw new UnsupportedOperationException(getClass().getName() + " shows no SLA calendars");
  }

  /** The longest period one call of {@link #statistics} covers. */
  java.time.Duration MAX_STATISTICS_PERIOD = java.time.Duration.ofDays(366);

  /**
   * Response and resolution times (percentiles) and breach rates over a period, overall, per
   * priority and per company. Needs {@link dev.ticketing.policy.Operation#VIEW_STATISTICS}; counts
   * the tickets the actor sees and whose targets it may read (its history).
   *
   * @param from start of the period (included)
   * @param to end of the period (excluded), after {@code from} and at most {@link
   *     #MAX_STATISTICS_PERIOD} later
   * @since 0.2.0
   */
  default SlaStatistics statistics(Actor actor, java.time.Instant from, java.time.Instant to) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no SLA statistics");
  }
}
