/**
 * Service-level agreements as values: business calendars ({@link dev.ticketing.sla.BusinessCalendar}),
 * ordered policies with per-priority targets ({@link dev.ticketing.sla.SlaPolicy}), and the clocks
 * a ticket's events start, pause, resume and stop ({@link dev.ticketing.sla.SlaTimeline}). Pure: no
 * store, no clock; the same events always give the same clocks.
 */
@NullMarked
package dev.ticketing.sla;

import org.jspecify.annotations.NullMarked;
