package dev.ticketing.internal;

import dev.ticketing.SlaPage;
import dev.ticketing.SlaService;
import dev.ticketing.SlaStatistics;
import dev.ticketing.SlaTargetView;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.sla.BusinessCalendar;
import dev.ticketing.sla.ClockState;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaConfiguration;
import dev.ticketing.sla.SlaPolicy;
import dev.ticketing.sla.SlaStanding;
import dev.ticketing.sla.SlaTarget;
import dev.ticketing.sla.WorkingTime;
import dev.ticketing.spi.SlaListing;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reads of {@link SlaService}: a ticket's targets for staff who may read its history, and the
 * admin lists by due time and by breach, paged by an opaque keyset cursor.
 */
public final class DefaultSlaService implements SlaService {

  private final TicketStore tickets;
  private final SlaStore clocks;
  private final SlaConfiguration config;
  private final PermissionPolicy policy;
  private final Access access;
  private final Clock clock;
  private final SlaFiguresReads figures;

  public DefaultSlaService(
      TicketStore tickets,
      SlaStore clocks,
      SlaConfiguration config,
      PermissionPolicy policy,
      Clock clock) {
    this.tickets = tickets;
    this.clocks = clocks;
    this.config = config;
    this.policy = policy;
    this.access = new Access(tickets, policy);
    this.clock = clock;
    this.figures = new SlaFiguresReads(tickets, clocks, policy);
  }

  @Override
  public List<SlaPolicy> policies(Actor actor) {
    access.require(actor, Operation.LIST_ALL_TICKETS, "SLA policies");
    return config.policies();
  }

  @Override
  public List<BusinessCalendar> calendars(Actor actor) {
    if (!actor.isStaff()) {
      throw Access.denied(actor, Operation.VIEW_HISTORY, "SLA calendars");
    }
    return config.calendars().values().stream()
        .sorted(java.util.Comparator.comparing(BusinessCalendar::id))
        .toList();
  }

  @Override
  public SlaStatistics statistics(Actor actor, Instant from, Instant to) {
    return figures.statistics(actor, from, to, now());
  }

  @Override
  public List<SlaTargetView> targets(Actor actor, String ticketId) {
    TicketRecord t = access.permitted(actor, ticketId, Operation.VIEW_HISTORY);
    return targets(actor, List.of(t.id())).getOrDefault(t.id(), List.of());
  }

  @Override
  public Map<String, List<SlaTargetView>> targets(Actor actor, Collection<String> ticketIds) {
    ticketIds.forEach(id -> InputValidator.checkId("ticketIds", id));
    Instant now = now();
    Map<String, TicketRecord> found = tickets.findTickets(ticketIds);
    List<String> readable =
        found.values().stream()
            .filter(t -> !t.deleted() && policy.permits(actor, Operation.VIEW_HISTORY, t))
            .map(TicketRecord::id)
            .toList();
    Map<String, List<SlaTargetView>> out = new LinkedHashMap<>();
    clocks
        .clocks(readable)
        .forEach((id, records) -> out.put(id, records.stream().map(r -> view(r, now)).toList()));
    return out;
  }

  @Override
  public SlaPage dueSoonest(
      Actor actor, @Nullable SlaTarget target, int first, @Nullable String after) {
    return page(actor, SlaListing.Order.DUE_SOONEST, target, first, after);
  }

  @Override
  public SlaPage breached(
      Actor actor, @Nullable SlaTarget target, int first, @Nullable String after) {
    return page(actor, SlaListing.Order.BREACHED, target, first, after);
  }

  @Override
  public SlaPage overdue(
      Actor actor, @Nullable SlaTarget target, int first, @Nullable String after) {
    return page(actor, SlaListing.Order.OVERDUE, target, first, after);
  }

  private SlaPage page(
      Actor actor,
      SlaListing.Order order,
      @Nullable SlaTarget target,
      int first,
      @Nullable String after) {
    access.require(actor, Operation.LIST_ALL_TICKETS, "SLA listing");
    if (first < 1 || first > MAX_PAGE_SIZE) {
      throw ValidationException.of("first", "must be 1 to " + MAX_PAGE_SIZE);
    }
    Instant now = now();
    SlaListing listing = new SlaListing(order, target, now, decode(after), first + 1);
    List<SlaRecord> rows = clocks.list(listing);
    boolean more = rows.size() > first;
    List<SlaRecord> page = more ? rows.subList(0, first) : rows;
    // A soft delete stops a ticket's clocks (it is a move to CANCELLED), so the lists of open
    // clocks never hold a deleted ticket; its past breaches stay in the table: hide them.
    Map<String, TicketRecord> found =
        order == SlaListing.Order.BREACHED
            ? tickets.findTickets(page.stream().map(SlaRecord::ticketId).distinct().toList())
            : Map.of();
    List<SlaTargetView> items = new ArrayList<>();
    for (SlaRecord r : page) {
      TicketRecord t = found.get(r.ticketId());
      if (order != SlaListing.Order.BREACHED || (t != null && !t.deleted())) {
        items.add(view(r, now));
      }
    }
    String cursor = page.isEmpty() ? null : encode(listing.positionOf(page.get(page.size() - 1)));
    return new SlaPage(items, cursor, more);
  }

  private SlaTargetView view(SlaRecord r, Instant now) {
    SlaClock k = r.clock();
    WorkingTime time;
    try {
      time = config.workingTime(k.calendarId());
    } catch (ValidationException calendarGone) {
      time = WorkingTime.CONTINUOUS; // the calendar left the configuration: count plain time
    }
    boolean breached = k.breached(now);
    SlaTargetView.Status status =
        switch (k.state()) {
          case ACTIVE, PAUSED ->
              breached
                  ? SlaTargetView.Status.BREACHED
                  : k.state() == ClockState.ACTIVE
                      ? SlaTargetView.Status.ACTIVE
                      : SlaTargetView.Status.PAUSED;
          case FULFILLED -> SlaTargetView.Status.FULFILLED;
          case STOPPED -> SlaTargetView.Status.STOPPED;
        };
    return new SlaTargetView(
        r.ticketId(),
        k.target(),
        k.cycle(),
        status,
        breached,
        k.dueAt(),
        k.state().isOpen() ? k.remaining(now, time) : java.time.Duration.ZERO,
        k.policyId(),
        k.startedAt(),
        k.stoppedAt(),
        SlaStanding.of(k, now));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String encode(SlaListing.Position p) {
    String raw =
        ChronoUnit.MICROS.between(Instant.EPOCH, p.at())
            + "|"
            + p.target().name()
            + "|"
            + p.cycle()
            + "|"
            + p.ticketId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static SlaListing.@Nullable Position decode(@Nullable String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String[] f =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 4);
      return new SlaListing.Position(
          Instant.EPOCH.plus(Long.parseLong(f[0]), ChronoUnit.MICROS),
          InputValidator.checkId("after", f[3]),
          SlaTarget.valueOf(f[1]),
          Integer.parseInt(f[2]));
    } catch (RuntimeException e) {
      throw ValidationException.of("after", "is not a cursor of this listing");
    }
  }
}
