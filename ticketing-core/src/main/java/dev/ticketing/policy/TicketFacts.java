package dev.ticketing.policy;

import dev.ticketing.Status;
import org.jspecify.annotations.Nullable;

/**
 * The few facts about a ticket that permission decisions depend on.
 *
 * @since 0.1.0
 */
public interface TicketFacts {
  String companyId();

  /** The user who created the ticket. */
  String createdBy();

  @Nullable String assigneeId();

  Status status();
}
