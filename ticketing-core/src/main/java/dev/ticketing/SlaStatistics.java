package dev.ticketing;

import dev.ticketing.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well service levels were kept over a period: per target, the working time it took to meet
 * it (50th, 90th and 95th percentiles) and how often it breached, for all tickets, per priority and
 * per company. Only tickets whose targets the asking actor may read are counted.
 *
 * <p>A target's time counts in the period in which it was met ({@link Row#measured()}); its outcome
 * counts once, when it became known ({@link Row#settled()}): at its due time for one that breached,
 * when it was met for one met in time. Targets that ended unmet without breaching (the ticket was
 * cancelled) count in neither. Priority and company are the ticket's as they are now.
 *
 * @param from start of the period (included)
 * @param to end of the period (excluded)
 * @param overall one row per target, over every ticket counted
 * @param byPriority per target and priority, priorities with nothing to count left out
 * @param byCompany per target and company, companies with nothing to count left out
 * @since 0.2.0
 */
public record SlaStatistics(
    Instant from, Instant to, List<Row> overall, List<Row> byPriority, List<Row> byCompany) {

  public SlaStatistics {
    overall = List.copyOf(overall);
    byPriority = List.copyOf(byPriority);
    byCompany = List.copyOf(byCompany);
  }

  /**
   * The figures of one target in one group.
   *
   * @param target the target
   * @param priority the group's priority; null in the overall and per-company rows
   * @param companyId the group's company; null in the overall and per-priority rows
   * @param measured targets met in the period, in time or late
   * @param p50 the working time half of them were met within (nearest rank); null when none
   * @param p90 the same for 90 percent
   * @param p95 the same for 95 percent
   * @param settled targets whose outcome became known in the period: breached, or met in time
   * @param breached of those, the ones that breached
   * @param breachRate {@code breached / settled}, 0 when nothing settled
   * @since 0.2.0
   */
  public record Row(
      SlaTarget target,
      @Nullable Priority priority,
      @Nullable String companyId,
      long measured,
      @Nullable Duration p50,
      @Nullable Duration p90,
      @Nullable Duration p95,
      long settled,
      long breached,
      double breachRate) {}
}
