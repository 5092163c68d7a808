package dev.ticketing.automation;

/**
 * When a rule is evaluated.
 *
 * @since 0.2
 */
public enum RuleKind {
  /** On each change of a ticket whose event the rule lists. */
  TRIGGER,
  /** By the automation scheduler, once a duration condition holds; once per ticket and cycle. */
  TIME
}
