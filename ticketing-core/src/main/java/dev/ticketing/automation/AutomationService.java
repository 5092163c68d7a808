package dev.ticketing.automation;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.ConflictException;
import dev.ticketing.NotFoundException;
import dev.ticketing.ValidationException;
import dev.ticketing.policy.Actor;
import java.util.List;

/**
 * Managing automation rules: an admin's facade ({@link dev.ticketing.Ticketing#automations()}).
 * Every method needs {@link dev.ticketing.policy.Operation#MANAGE_AUTOMATIONS} (refused with {@link
 * AccessDeniedException}, logged); bad definitions are refused with a {@link ValidationException}
 * naming the part, writing nothing.
 *
 * @since 0.2
 */
public interface AutomationService {

  /** Stores a new rule at version 1, enabled. */
  Rule create(Actor actor, RuleDefinition definition);

  /**
   * Saves a new version of a rule's definition, re-enabling it.
   *
   * @throws ConflictException when {@code expectedVersion} is not the rule's current version
   * @throws NotFoundException when there is no such rule
   */
  Rule update(Actor actor, String ruleId, int expectedVersion, RuleDefinition definition);

  /** Enables a rule (clearing the reason the engine disabled it for). */
  Rule enable(Actor actor, String ruleId);

  /** Disables a rule. */
  Rule disable(Actor actor, String ruleId);

  /** Deletes a rule; its versions stay, for the audit entries that name them. */
  void delete(Actor actor, String ruleId);

  /** One rule as it is now. */
  Rule rule(Actor actor, String ruleId);

  /** Every rule, triggers first, then time rules, each by position and id. */
  List<Rule> rules(Actor actor);

  /** A rule's versions, oldest first. */
  List<Rule> versions(Actor actor, String ruleId);

  /** What a definition would do to the newest tickets now, writing nothing. */
  DryRun dryRun(Actor actor, RuleDefinition definition);

  /** What a stored rule would do to the newest tickets now, writing nothing. */
  DryRun dryRun(Actor actor, String ruleId);
}
