package dev.ticketing.automation;

import dev.ticketing.FieldChange;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.TicketClock;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a rule is evaluated against: the ticket as it is now, the events of the change (none for a
 * time rule), who made it, the fields it changed, the ticket's time-rule clock and the time.
 *
 * @param actorRole null for a time rule's evaluation
 * @param clock null when none is kept yet: durations then count from the ticket's own timestamps
 * @since 0.2
 */
public record Situation(
    TicketRecord ticket,
    Set<RuleEvent> events,
    @Nullable Role actorRole,
    List<FieldChange> changes,
    @Nullable TicketClock clock,
    Instant now) {

  public Situation {
    Objects.requireNonNull(ticket, "ticket");
    events = Set.copyOf(events);
    changes = List.copyOf(changes);
    Objects.requireNonNull(now, "now");
  }
}
