package dev.ticketing.internal;

import dev.ticketing.Priority;
import dev.ticketing.SlaService;
import dev.ticketing.SlaStatistics;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.sla.ClockState;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The SLA statistics of {@link SlaService#statistics}: walks the clocks settled in the period page
 * by page, keeps those of tickets the actor may read, and works out percentiles (nearest rank) and
 * breach rates per target overall, per priority and per company.
 */
final class SlaFiguresReads {

  /** Records one store call returns. */
  static final int PAGE = 1000;

  private final TicketStore tickets;
  private final SlaStore clocks;
  private final PermissionPolicy policy;
  private final Access access;

  SlaFiguresReads(TicketStore tickets, SlaStore clocks, PermissionPolicy policy) {
    this.tickets = tickets;
    this.clocks = clocks;
    this.policy = policy;
    this.access = new Access(tickets, policy);
  }

  SlaStatistics statistics(Actor actor, Instant from, Instant to, Instant now) {
    List<Violation> problems = new ArrayList<>();
    if (!from.isBefore(to)) {
      problems.add(new Violation("to", "must be after from"));
    } else if (Duration.between(from, to).compareTo(SlaService.MAX_STATISTICS_PERIOD) > 0) {
      problems.add(
          new Violation(
              "to",
              "must be at most " + SlaService.MAX_STATISTICS_PERIOD.toDays() + " days after from"));
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    access.require(actor, Operation.VIEW_STATISTICS, "SLA statistics");
    VisibilityScope scope = access.visibleScope(actor);
    Instant until = to.isAfter(now) ? now : to; // nothing breaches in the future
    Groups overall = new Groups();
    Map<Priority, Groups> byPriority = new TreeMap<>();
    Map<String, Groups> byCompany = new TreeMap<>();
    SlaRecord after = null;
    while (true) {
      List<SlaRecord> page = clocks.settled(from, to, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      Map<String, TicketRecord> found =
          tickets.findTickets(page.stream().map(SlaRecord::ticketId).distinct().toList());
      for (SlaRecord r : page) {
        TicketRecord t = found.get(r.ticketId());
        if (t == null
            || t.deleted()
            || !scope.matches(t)
            || !policy.permits(actor, Operation.VIEW_HISTORY, t)) {
          continue;
        }
        Outcome o = outcome(r.clock(), from, until);
        overall.add(r.clock().target(), o);
        byPriority.computeIfAbsent(t.priority(), k -> new Groups()).add(r.clock().target(), o);
        byCompany.computeIfAbsent(t.companyId(), k -> new Groups()).add(r.clock().target(), o);
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    List<SlaStatistics.Row> priorityRows = new ArrayList<>();
    byPriority.forEach((p, g) -> priorityRows.addAll(g.rows(p, null)));
    List<SlaStatistics.Row> companyRows = new ArrayList<>();
    byCompany.forEach((c, g) -> companyRows.addAll(g.rows(null, c)));
    return new SlaStatistics(from, to, overall.rows(null, null), priorityRows, companyRows);
  }

  /** What one clock counts for in the period. */
  private record Outcome(@Nullable Duration measured, boolean settled, boolean breached) {}

  private static Outcome outcome(SlaClock k, Instant from, Instant until) {
    Instant stopped = k.stoppedAt();
    boolean met =
        k.state() == ClockState.FULFILLED
            && stopped != null
            && !stopped.isBefore(from)
            && stopped.isBefore(until);
    Instant breach = k.breachAt();
    boolean breached = breach != null && !breach.isBefore(from) && breach.isBefore(until);
    boolean metInTime = met && breach == null;
    return new Outcome(met ? k.elapsed() : null, breached || metInTime, breached);
  }

  /** The figures of one group, per target. */
  private static final class Groups {
    private final Map<SlaTarget, Figures> byTarget = new TreeMap<>();

    void add(SlaTarget target, Outcome o) {
      if (o.measured() == null && !o.settled()) {
        return;
      }
      Figures f = byTarget.computeIfAbsent(target, k -> new Figures());
      if (o.measured() != null) {
        f.times.add(o.measured().toNanos());
      }
      if (o.settled()) {
        f.settled++;
        if (o.breached()) {
          f.breached++;
        }
      }
    }

    List<SlaStatistics.Row> rows(@Nullable Priority priority, @Nullable String companyId) {
      List<SlaStatistics.Row> rows = new ArrayList<>();
      byTarget.forEach(
          (target, f) -> {
            long[] sorted = f.times.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            rows.add(
                new SlaStatistics.Row(
                    target,
                    priority,
                    companyId,
                    sorted.length,
                    percentile(sorted, 50),
                    percentile(sorted, 90),
                    percentile(sorted, 95),
                    f.settled,
                    f.breached,
                    f.settled == 0 ? 0.0 : (double) f.breached / f.settled));
          });
      rows.sort(Comparator.comparing(SlaStatistics.Row::target));
      return rows;
    }
  }

  private static final class Figures {
    final List<Long> times = new ArrayList<>();
    long settled;
    long breached;
  }

  /** The nearest-rank percentile: the smallest value with at least {@code p}% at or below it. */
  static @Nullable Duration percentile(long[] sortedNanos, int p) {
    if (sortedNanos.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return Duration.ofNanos(sortedNanos[Math.max(rank, 1) - 1]);
  }
}
