package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.FieldChange;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a later capability hooks into every change of a ticket without the service growing: SLA
 * clocks that start, pause and stop with the status, automation rules that react to a change,
 * custom fields kept beside the ticket. A listener is told of each change right after its audit
 * entry is appended, inside the change's unit of work: what it writes commits or rolls back with
 * the change, and an exception it throws fails the command. Not API yet; the engine runs none.
 */
@FunctionalInterface
interface ChangeListener {

  void changed(Change change);

  /**
   * One recorded change, as its audit entry tells it.
   *
   * @param before the ticket before the change; null when the change created it
   * @param after the ticket after the change; the same as {@code before} when the change was
   *     beside the ticket (a comment, an attachment) or erased it (a purge)
   * @param changes the fields the audit entry lists
   */
  record Change(
      @Nullable TicketRecord before,
      TicketRecord after,
      AuditAction action,
      Actor actor,
      Instant at,
      List<FieldChange> changes) {}
}
