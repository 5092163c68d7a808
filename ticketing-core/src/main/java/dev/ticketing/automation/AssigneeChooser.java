package dev.ticketing.automation;

import dev.ticketing.spi.TicketRecord;
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
}
