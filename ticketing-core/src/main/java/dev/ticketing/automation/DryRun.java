package dev.ticketing.automation;

import java.util.List;

/**
 * A dry run's report: how many tickets were looked at, which matched, and what the rule would do
 * to each. Nothing was written.
 *
 * @param examined tickets looked at (at most the settings' dry-run limit, newest first)
 * @param matched ids of the tickets whose conditions held
 * @param actions what would be done, ticket by ticket, in the rule's order
 * @since 0.2
 */
public record DryRun(int examined, List<String> matched, List<PlannedAction> actions) {

  public DryRun {
    matched = List.copyOf(matched);
    actions = List.copyOf(actions);
  }
}
