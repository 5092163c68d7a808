package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.FieldChange;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a command leaves behind in its unit of work besides the change itself: the audit entry, the
 * notifications routed for it in the outbox, and what the {@link ChangeListener}s make of it. Also
 * the one clock reading of the engine, at the precision the stores keep.
 */
final class ChangeLog {

  private final TicketStore store;
  private final IdGenerator ids;
  private final Clock clock;
  private final List<ChangeListener> listeners;

  ChangeLog(TicketStore store, IdGenerator ids, Clock clock, List<ChangeListener> listeners) {
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Appends the audit entry of a change to {@code after} and tells the listeners.
   *
   * @param before the ticket before the change, null when it was created
   */
  void record(
      @Nullable TicketRecord before,
      TicketRecord after,
      AuditAction action,
      Actor actor,
      Instant at,
      List<FieldChange> changes) {
    store.appendAudit(
        new AuditEntry(ids.newId(), after.id(), action, actor.id(), actor.role(), at, changes));
    if (!listeners.isEmpty()) {
      ChangeListener.Change change =
          new ChangeListener.Change(before, after, action, actor, at, changes);
      for (ChangeListener listener : listeners) {
        listener.changed(change);
      }
    }
  }

  /** Writes notifications to the outbox, in the unit of work of the change they tell of. */
  void enqueue(List<NotificationRequest> requests) {
    if (!requests.isEmpty()) {
      store.enqueue(requests);
    }
  }

  /** Microsecond precision: what SQL timestamps keep, so stored and returned values agree. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** One field of an audit entry, its values as text. */
  static FieldChange change(String field, @Nullable Object oldValue, @Nullable Object newValue) {
    return new FieldChange(
        field,
        oldValue == null ? null : oldValue.toString(),
        newValue == null ? null : newValue.toString());
  }
}
