package dev.ticketing;

import dev.ticketing.validation.Id;
import dev.ticketing.validation.IdempotencyKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link TicketService#changeParticipants}: followers and CCs to add to a ticket and to
 * remove from it, in one audited change.
 *
 * <p>A follower is a staff member told of every change of the ticket, internal notes included
 * ({@link dev.ticketing.policy.Operation#MANAGE_FOLLOWERS}). A CC is a customer of the ticket's
 * company who then sees the ticket and replies to it, and is told of its public progress, never of
 * its internal notes ({@link dev.ticketing.policy.Operation#MANAGE_CCS}). The directory decides who
 * is staff and who is a customer of which company; anyone else is refused with the field that named
 * them ({@code addCcs[0]}). Adding someone already there, or removing someone who is not, changes
 * nothing; naming one user in both lists of a kind is refused.
 *
 * @param ticketId the ticket
 * @param addFollowers staff to add as followers (null: none)
 * @param removeFollowers followers to remove (null: none)
 * @param addCcs customers of the ticket's company to copy (null: none)
 * @param removeCcs CCs to remove (null: none)
 * @param idempotencyKey optional client key: a repeat with the same input changes nothing again
 * @since 0.1.0
 */
public record ChangeParticipants(
    @Id @Nullable String ticketId,
    @Nullable List<String> addFollowers,
    @Nullable List<String> removeFollowers,
    @Nullable List<String> addCcs,
    @Nullable List<String> removeCcs,
    @IdempotencyKey @Nullable String idempotencyKey) {

  public ChangeParticipants {
    addFollowers = copy(addFollowers);
    removeFollowers = copy(removeFollowers);
    addCcs = copy(addCcs);
    removeCcs = copy(removeCcs);
  }

  /** Adds followers. */
  public static ChangeParticipants follow(String ticketId, String... staffIds) {
    return new ChangeParticipants(ticketId, List.of(staffIds), null, null, null, null);
  }

  /** Removes followers. */
  public static ChangeParticipants unfollow(String ticketId, String... staffIds) {
    return new ChangeParticipants(ticketId, null, List.of(staffIds), null, null, null);
  }

  /** Copies customers on the ticket. */
  public static ChangeParticipants cc(String ticketId, String... customerIds) {
    return new ChangeParticipants(ticketId, null, null, List.of(customerIds), null, null);
  }

  /** Removes CCs. */
  public static ChangeParticipants uncc(String ticketId, String... customerIds) {
    return new ChangeParticipants(ticketId, null, null, null, List.of(customerIds), null);
  }

  /** The same input with a client's idempotency key (null for none). */
  public ChangeParticipants withIdempotencyKey(@Nullable String key) {
    return new ChangeParticipants(ticketId, addFollowers, removeFollowers, addCcs, removeCcs, key);
  }

  private static @Nullable List<String> copy(@Nullable List<String> ids) {
    return ids == null ? null : Collections.unmodifiableList(new ArrayList<>(ids));
  }
}
