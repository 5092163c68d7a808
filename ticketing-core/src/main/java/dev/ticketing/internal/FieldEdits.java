package dev.ticketing.internal;

import dev.ticketing.AuditAction;
import dev.ticketing.SetFieldValues;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Setting and clearing a ticket's custom field values in one audited change ({@link
 * AuditAction#FIELDS_CHANGED}, one {@code fields.<key>} change per field that changed).
 */
final class FieldEdits {

  private final TicketStore store;
  private final FieldRules rules;
  private final Access access;
  private final ChangeLog changes;

  FieldEdits(TicketStore store, FieldRules rules, Access access, ChangeLog changes) {
    this.store = store;
    this.rules = rules;
    this.access = access;
    this.changes = changes;
  }

  /** Checks what can be checked before the unit of work: the shape of the input. */
  void check(SetFieldValues input) {
    boolean none =
        (input.set() == null || input.set().isEmpty())
            && (input.clear() == null || input.clear().isEmpty());
    if (none) {
      throw dev.ticketing.ValidationException.of("fields", "must set or clear at least one field");
    }
  }

  TicketSnapshot apply(Actor actor, SetFieldValues input) {
    TicketRecord t = access.permittedToChange(actor, input.ticketId(), Operation.SET_FIELDS);
    List<Violation> problems = new ArrayList<>();
    FieldRules.Update update =
        rules.update(actor, t.category().name(), t.fields(), input.set(), input.clear(), problems);
    InputValidator.throwIfAny(problems);
    if (update.changes().isEmpty()) {
      return snapshot(t); // nothing to change: no new version, no audit entry
    }
    Instant now = changes.now();
    TicketRecord stored =
        store.updateTicket(t.edit().fields(update.after()).updatedAt(now).build());
    changes.record(t, stored, AuditAction.FIELDS_CHANGED, actor, now, update.changes());
    return snapshot(stored);
  }

  private TicketSnapshot snapshot(TicketRecord t) {
    return new TicketSnapshot(
        t, store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE));
  }

  static String ticketId(SetFieldValues input) {
    return Objects.requireNonNull(input.ticketId());
  }
}
