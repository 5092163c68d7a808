package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.sla.SlaClock;
import dev.ticketing.sla.SlaEvent;
import dev.ticketing.sla.SlaEvents;
import dev.ticketing.sla.SlaState;
import dev.ticketing.sla.SlaTimeline;
import dev.ticketing.spi.SlaRecord;
import dev.ticketing.spi.SlaStore;
import dev.ticketing.spi.TicketRecord;
import java.util.List;

/**
 * Keeps a ticket's SLA clocks as its changes happen: reads the clock events off each change's
 * audit entry, applies them to the stored clocks (locked for the unit of work, so a scheduler
 * raising an alert and this write never cross) and saves what moved, in the change's unit of work.
 * What it keeps always equals a replay of the ticket's whole audit log ({@link
 * SlaTimeline#replay}).
 */
final class SlaClockKeeper implements ChangeListener {

  private final SlaStore clocks;
  private final SlaTimeline timeline;

  SlaClockKeeper(SlaStore clocks, SlaTimeline timeline) {
    this.clocks = clocks;
    this.timeline = timeline;
  }

  @Override
  public void changed(Change change) {
    String ticketId = change.after().id();
    if (change.action() == AuditAction.PURGED) {
      clocks.deleteClocks(ticketId);
      return;
    }
    List<SlaEvent> events =
        SlaEvents.of(change.action(), change.actor().role(), change.at(), change.changes());
    if (events.isEmpty()) {
      return;
    }
    List<SlaClock> stored =
        clocks.clocksForUpdate(ticketId).stream().map(SlaRecord::clock).toList();
    TicketRecord before = change.before();
    SlaState state =
        new SlaState(
            before == null
                ? null
                : new SlaState.Facts(
                    before.status(),
                    before.priority(),
                    before.category(),
                    before.companyId(),
                    java.util.Set.copyOf(before.tags()),
                    fieldText(before)),
            stored);
    for (SlaEvent e : events) {
      state = timeline.apply(state, e);
    }
    if (!state.clocks().equals(stored)) {
      clocks.saveClocks(ticketId, state.clocks());
    }
  }

  /** A ticket's custom field values as the audit log writes them. */
  private static java.util.Map<String, String> fieldText(TicketRecord t) {
    java.util.Map<String, String> text = new java.util.HashMap<>();
    t.fields().forEach((key, value) -> text.put(key, value.toString()));
    return text;
  }
}
