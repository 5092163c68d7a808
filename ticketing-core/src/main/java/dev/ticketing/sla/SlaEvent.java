package dev.ticketing.sla;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a ticket, as far as its clocks care. {@link SlaEvents} reads them off the audit
 * log.
 *
 * @since 0.1.0
 */
public sealed interface SlaEvent {

  /** When it happened. */
  Instant at();

  /** The ticket was created. */
  record Created(Instant at, Status status, Priority priority, Category category, String companyId)
      implements SlaEvent {}

  /** The status moved (a soft delete is a move to CANCELLED, a restore a move back). */
  record StatusChanged(Instant at, Status from, Status to) implements SlaEvent {}

  /** A public reply; internal notes are not replies. */
  record Replied(Instant at, boolean byStaff) implements SlaEvent {}

  /** Priority, category or company changed; null for what stayed. */
  record Reclassified(
      Instant at,
      @Nullable Priority priority,
      @Nullable Category category,
      @Nullable String companyId)
      implements SlaEvent {}
}
