package dev.ticketing.automation;

/**
 * What a dry run found a rule would do to one ticket: the action, and whether the checks a real run
 * makes (policy, state machine) would let it.
 *
 * @param outcome {@code would run}, or why it would be skipped
 * @since 0.2
 */
public record PlannedAction(String ticketId, RuleAction action, String outcome) {

  /** The outcome of an action the checks let through. */
  public static final String WOULD_RUN = "would run";
}
