package dev.ticketing.policy;

import dev.ticketing.Status;
import java.util.List;
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

  /**
   * The user the ticket is for, who owns it ({@link Reach#OWN}); the creator unless someone raised
   * it on their behalf.
   *
   * @since 0.1.0
   */
  default String requesterId() {
    return createdBy();
  }

  /**
   * The customers copied on the ticket ({@link Reach#OWN_OR_CC}).
   *
   * @since 0.1.0
   */
  default List<String> ccIds() {
    return List.of();
  }

  @Nullable String assigneeId();

  Status status();
}
