package dev.ticketing.automation;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an admin writes: a rule's name, kind, the events a trigger reacts to, its conditions (all
 * must hold) and its actions (run in order). Checked when saved ({@link
 * AutomationService#create}): bad parts are refused naming them, e.g. {@code conditions[1].tag}.
 *
 * @param position where the rule runs among the others of its kind: lower first, ties by id
 * @param events for a trigger, the events it reacts to (at least one); empty for a time rule
 * @since 0.2
 */
public record RuleDefinition(
    String name,
    RuleKind kind,
    int position,
    Set<RuleEvent> events,
    List<Condition> conditions,
    List<RuleAction> actions) {

  public RuleDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    events = Set.copyOf(events);
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
  }

  /** A trigger. */
  public static RuleDefinition trigger(
      String name,
      int position,
      Set<RuleEvent> events,
      List<Condition> conditions,
      List<RuleAction> actions) {
    return new RuleDefinition(name, RuleKind.TRIGGER, position, events, conditions, actions);
  }

  /** A time rule. */
  public static RuleDefinition timeRule(
      String name, int position, List<Condition> conditions, List<RuleAction> actions) {
    return new RuleDefinition(name, RuleKind.TIME, position, Set.of(), conditions, actions);
  }
}
