package dev.ticketing.internal;

import dev.ticketing.NotFoundException;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketingException;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.validation.IdValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolving many tickets in one call: each in a unit of work of its own, with one outcome per id,
 * so that one ticket that cannot be resolved fails nothing else. An idempotency key records the
 * outcomes once all are done.
 */
final class BulkResolve {

  private static final int MAX_BULK = 100;

  private final Access access;
  private final UnitOfWork unit;
  private final ChangeLog changes;
  private final StatusEffects effects;

  BulkResolve(Access access, UnitOfWork unit, ChangeLog changes, StatusEffects effects) {
    this.access = access;
    this.unit = unit;
    this.changes = changes;
    this.effects = effects;
  }

  Map<String, ResolveOutcome> resolve(
      Actor actor, List<String> ticketIds, @Nullable String idempotencyKey) {
    if (ticketIds == null || ticketIds.isEmpty() || ticketIds.size() > MAX_BULK) {
      throw ValidationException.of("ticketIds", "must hold 1 to " + MAX_BULK + " ids");
    }
    List<Violation> problems = new ArrayList<>();
    for (int i = 0; i < ticketIds.size(); i++) {
      String id = ticketIds.get(i);
      if (id == null || !IdValidator.isWellFormed(id)) {
        problems.add(new Violation("ticketIds[" + i + "]", "must be a well-formed id"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    IdempotencyKeys.Key key =
        IdempotencyKeys.of(actor, idempotencyKey, "resolveTickets", ticketIds);
    if (key != null) {
      String first = unit.firstResult(key);
      if (first != null) {
        return decodeOutcomes(first);
      }
    }
    Map<String, ResolveOutcome> outcomes = new LinkedHashMap<>();
    for (String id : new LinkedHashSet<>(ticketIds)) {
      outcomes.put(id, UnitOfWork.retryOnConflict(() -> resolveOne(actor, id)));
    }
    if (key != null && outcomes.containsValue(ResolveOutcome.RESOLVED)) {
      // Each ticket was resolved in a unit of its own; the key is recorded with the outcomes once
      // all are done. A concurrent first use that recorded them first wins: its outcomes are the
      // answer. A call that resolved nothing wrote nothing, not even its key: repeating it changes
      // nothing either.
      try {
        unit.transaction(
            () -> {
              unit.save(key, encodeOutcomes(outcomes));
              return null;
            });
      } catch (TicketingException e) {
        String first = unit.firstResult(key);
        if (first == null) {
          throw e;
        }
        return decodeOutcomes(first);
      }
    }
    return outcomes;
  }

  private ResolveOutcome resolveOne(Actor actor, String id) {
    try {
      return unit.write(
          () -> {
            TicketRecord t = access.visibleToChange(actor, id, Operation.CHANGE_STATUS);
            if (t.status() == Status.RESOLVED || t.status() == Status.CLOSED) {
              return ResolveOutcome.ALREADY_RESOLVED;
            }
            if (!access.mayResolveInBulk(actor, t) || !effects.allows(t, Status.RESOLVED)) {
              return ResolveOutcome.NOT_ALLOWED;
            }
            effects.move(actor, t, Status.RESOLVED, changes.now());
            return ResolveOutcome.RESOLVED;
          });
    } catch (NotFoundException e) {
      return ResolveOutcome.NOT_FOUND;
    }
  }

  private static String encodeOutcomes(Map<String, ResolveOutcome> outcomes) {
    StringBuilder b = new StringBuilder();
    outcomes.forEach((id, outcome) -> b.append(id).append('=').append(outcome.name()).append('\n'));
    return b.toString();
  }

  private static Map<String, ResolveOutcome> decodeOutcomes(String encoded) {
    Map<String, ResolveOutcome> out = new LinkedHashMap<>();
    for (String line : encoded.split("\n")) {
      if (!line.isEmpty()) {
        int eq = line.lastIndexOf('=');
        out.put(line.substring(0, eq), ResolveOutcome.valueOf(line.substring(eq + 1)));
      }
    }
    return out;
  }
}
