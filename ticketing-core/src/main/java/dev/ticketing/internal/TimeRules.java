package dev.ticketing.internal;

import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleMatcher;
import dev.ticketing.automation.Since;
import dev.ticketing.automation.Situation;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.TicketClock;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of time rules. For each enabled time rule, in order, batches of tickets whose moment
 * (status change, update, last reply) is old enough are claimed (locked, skipping those another
 * scheduler holds, keyset by ticket id so that a round passes each ticket once); those where every
 * condition holds and whose firing for the current cycle is recorded by this unit (not already
 * recorded) get the rule's actions, in that unit of work. Any number of schedulers may run at once:
 * a firing is recorded once per (rule, ticket, cycle), and only the unit that recorded it acts.
 */
final class TimeRules {

  private static final Logger log = LoggerFactory.getLogger(TimeRules.class);

  /** Batches one rule takes at most per round, so that a round ends. */
  static final int MAX_BATCHES = 50;

  private final AutomationStore store;
  private final RuleBook book;
  private final AutomationEngine engine;
  private final AutomationSettings settings;

  TimeRules(
      AutomationStore store, RuleBook book, AutomationEngine engine, AutomationSettings settings) {
    this.store = store;
    this.book = book;
    this.engine = engine;
    this.settings = settings;
  }

  /** Fires what is due now; returns how many times rules fired. */
  int round() {
    EngineHandle h = engine.handle();
    Instant now = h.parts.clock().instant().truncatedTo(ChronoUnit.MICROS);
    int fired = 0;
    for (ActiveRule rule : book.timeRules()) {
      Condition.Elapsed first = Objects.requireNonNull(rule.firstElapsed());
      Since since = first.since();
      // Working time never exceeds calendar time: calendar time is the claim's lower bound.
      Instant cutoff = now.minus(first.duration());
      String after = "";
      for (int batch = 0; batch < MAX_BATCHES; batch++) {
        String from = after;
        Batch b = h.write(() -> batch(rule, since, cutoff, from, now));
        fired += b.fired();
        if (b.claimed() < settings.batchSize()) {
          break;
        }
        after = b.last();
      }
    }
    if (fired > 0) {
      log.info("automation time rules fired {} times", fired);
    }
    return fired;
  }

  private record Batch(int claimed, int fired, String last) {}

  private Batch batch(ActiveRule rule, Since since, Instant cutoff, String after, Instant now) {
    List<TicketClock> due = store.claimDue(rule.id(), since, cutoff, after, settings.batchSize());
    EngineHandle h = engine.handle();
    int fired = 0;
    String last = after;
    for (TicketClock clock : due) {
      last = clock.ticketId();
      // Held for the change a firing may make: its actions read the clock after this.
      TicketRecord t = h.store.findTicketForChange(clock.ticketId()).orElse(null);
      if (t == null || t.deleted()) {
        continue;
      }
      Situation s = new Situation(t, Set.of(), null, List.of(), clock, now);
      if (!engine.matcher().matches(rule.definition(), s)) {
        continue;
      }
      if (store.recordFiring(rule.id(), t.id(), since, RuleMatcher.cycle(since, clock), now)) {
        engine.fireTimed(rule, t);
        fired++;
      }
    }
    return new Batch(due.size(), fired, last);
  }
}
