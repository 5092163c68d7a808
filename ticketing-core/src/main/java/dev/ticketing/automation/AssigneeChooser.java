package dev.ticketing.automation;

import dev.ticketing.spi.TicketRecord;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses an agent for a ticket by a named strategy (round robin, least loaded, skills), for the
 * {@link RuleAction.AssignByStrategy} action. Called inside the unit of work of the change.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface AssigneeChooser {

  /** Chooses nobody: the action is skipped. */
  AssigneeChooser NONE = (ticket, strategy) -> null;

  /** The agent to assign {@code ticket} to under {@code strategy}, or null for nobody. */
  @Nullable String choose(TicketRecord ticket, String strategy);

  /**
   * The agent to assign {@code ticket} to under {@code strategy} among agents holding every one of
   * {@code skills}, or null for nobody. By default the skills are not looked at.
   *
   * @since 0.2
   */
  default @Nullable String choose(TicketRecord ticket, String strategy, Set<String> skills) {
    return choose(ticket, strategy);
  }

  /**
   * The strategy names this chooser knows, checked when a rule is defined; null (the default):
   * any name is accepted then.
   *
   * @since 0.2
   */
  default @Nullable Set<String> strategies() {
    return null;
  }
}
