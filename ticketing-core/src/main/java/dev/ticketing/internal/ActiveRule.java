package dev.ticketing.internal;

import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleKind;
import dev.ticketing.automation.Since;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Role;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * An enabled rule as the engine runs it: its id, version and decoded definition, and the actor its
 * changes are made and audited as ({@code rule:<id>@<version>}, in the admin role: the permission
 * policy's admin row decides what rules may do).
 */
record ActiveRule(String id, int version, RuleDefinition definition) {

  /** Rules run lower position first, ties by id: one order for every evaluation. */
  static final Comparator<ActiveRule> ORDER =
      Comparator.comparingInt((ActiveRule r) -> r.definition().position())
          .thenComparing(ActiveRule::id);

  Actor actor() {
    return new Actor(dev.ticketing.automation.Rule.actorId(id, version), Role.ADMIN, null);
  }

  boolean isTrigger() {
    return definition.kind() == RuleKind.TRIGGER;
  }

  boolean needsClock() {
    return definition.conditions().stream().anyMatch(ActiveRule::timed);
  }

  /** The first duration condition of a time rule: what its cycles are counted in. */
  Condition.@Nullable Elapsed firstElapsed() {
    for (Condition c : definition.conditions()) {
      if (c instanceof Condition.Elapsed e) {
        return e;
      }
    }
    return null;
  }

  Since cycleSince() {
    Condition.Elapsed e = firstElapsed();
    return e == null ? Since.UPDATE : e.since();
  }

  private static boolean timed(Condition c) {
    if (c instanceof Condition.Elapsed) {
      return true;
    }
    return c instanceof Condition.AnyOf any
        && any.conditions().stream().anyMatch(ActiveRule::timed);
  }
}
