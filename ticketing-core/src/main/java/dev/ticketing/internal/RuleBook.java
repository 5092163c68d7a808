package dev.ticketing.internal;

import dev.ticketing.automation.Rule;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleKind;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.RuleRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled rules, read from the store and kept for a short while (edits through this service
 * drop them at once), in the order they run; and the engine's one write to a rule: disabling it
 * with a reason.
 */
final class RuleBook {

  private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

  /** Who the versions the engine saves name. */
  static final String ENGINE = "automation";

  private final AutomationStore store;
  private final Clock clock;
  private final long ttlNanos;
  private volatile @Nullable Cached cached;

  private record Cached(List<ActiveRule> triggers, List<ActiveRule> timeRules, long readAt) {}

  RuleBook(AutomationStore store, Clock clock, Duration ttl) {
    this.store = store;
    this.clock = clock;
    this.ttlNanos = ttl.toNanos();
  }

  List<ActiveRule> triggers() {
    return current().triggers();
  }

  List<ActiveRule> timeRules() {
    return current().timeRules();
  }

  void invalidate() {
    cached = null;
  }

  private Cached current() {
    Cached c = cached;
    long now = System.nanoTime();
    if (c != null && now - c.readAt() < ttlNanos) {
      return c;
    }
    List<ActiveRule> triggers = new ArrayList<>();
    List<ActiveRule> timed = new ArrayList<>();
    for (RuleRecord r : store.rules()) {
      if (r.enabled()) {
        ActiveRule a = active(r);
        (a.isTrigger() ? triggers : timed).add(a);
      }
    }
    triggers.sort(ActiveRule.ORDER);
    timed.sort(ActiveRule.ORDER);
    Cached fresh = new Cached(List.copyOf(triggers), List.copyOf(timed), now);
    cached = fresh;
    return fresh;
  }

  /**
   * Disables a rule for {@code reason}, stored on it and logged, unless it changed meanwhile (an
   * admin's edit wins).
   */
  void disable(ActiveRule rule, String reason) {
    RuleRecord r = store.findRule(rule.id()).orElse(null);
    invalidate();
    if (r == null || !r.enabled() || r.version() != rule.version()) {
      return;
    }
    store.updateRule(
        new RuleRecord(
            r.id(),
            r.revision() + 1,
            r.version(),
            r.name(),
            r.kind(),
            r.position(),
            false,
            reason,
            r.definition(),
            r.createdAt(),
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            ENGINE));
    log.warn("automation rule {} v{} ({}) {}", r.id(), r.version(), r.name(), reason);
  }

  static ActiveRule active(RuleRecord r) {
    return new ActiveRule(r.id(), r.version(), definition(r));
  }

  static RuleDefinition definition(RuleRecord r) {
    return RuleCodec.decode(r.name(), RuleKind.valueOf(r.kind()), r.position(), r.definition());
  }

  static Rule rule(RuleRecord r) {
    return new Rule(
        r.id(),
        r.version(),
        definition(r),
        r.enabled(),
        r.disabledReason(),
        r.createdAt(),
        r.updatedAt(),
        r.updatedBy());
  }
}
