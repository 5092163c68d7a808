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
}
