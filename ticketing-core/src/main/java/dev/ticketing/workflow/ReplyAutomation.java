package dev.ticketing.workflow;

import dev.ticketing.Status;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a reply does to a ticket's status. A customer's public reply on a ticket that waits for
 * them resumes work ({@link Status#WAITING_FOR_CUSTOMER} to {@link Status#IN_PROGRESS}); on a
 * resolved ticket it reopens it ({@link Status#RESOLVED} to {@link Status#REOPENED}). Staff replies
 * and internal notes leave the status alone. Either rule can be switched off, and a move the
 * transition table does not allow is never made.
 *
 * @param transitions the moves allowed at all
 * @param customerReplyResumesWork whether a customer's reply resumes work on a waiting ticket
 * @param customerReplyReopens whether a customer's reply reopens a resolved ticket
 * @since 0.2.0
 */
public record ReplyAutomation(
    TransitionTable transitions, boolean customerReplyResumesWork, boolean customerReplyReopens) {

  public ReplyAutomation {
    Objects.requireNonNull(transitions, "transitions");
  }

  /**
   * The status a reply moves the ticket to, or null when it stays where it is.
   *
   * @param current the ticket's status when the reply arrives
   * @param byStaff whether the replier is staff
   * @param internal whether the reply is an internal note
   */
  public @Nullable Status onReply(Status current, boolean byStaff, boolean internal) {
    if (internal || byStaff) {
      return null;
    }
    Status target = null;
    if (current == Status.WAITING_FOR_CUSTOMER && customerReplyResumesWork) {
      target = Status.IN_PROGRESS;
    } else if (current == Status.RESOLVED && customerReplyReopens) {
      target = Status.REOPENED;
    }
    return target != null && transitions.allows(current, target) ? target : null;
  }
}
