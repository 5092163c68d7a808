package dev.ticketing;

import dev.ticketing.policy.Actor;

/**
 * Links between tickets and merges of one ticket into another, within one company. Reached through
 * {@link Ticketing#links()}.
 *
 * <p>Only staff link, unlink, merge and unmerge ({@link dev.ticketing.policy.Operation#LINK_TICKETS},
 * {@link dev.ticketing.policy.Operation#MERGE_TICKETS} on both tickets). Everyone who sees a ticket
 * sees its links and merges to the tickets they also see, never to others. Each write is audited on
 * both tickets.
 *
 * @since 0.2.0
 */
public interface TicketLinks {

  /**
   * Links two tickets of the same company. Linking them again the same way changes nothing and
   * answers the existing link.
   *
   * @throws ValidationException {@code otherTicketId} for the ticket itself, another company's
   *     ticket, a second parent, a cycle of parents or two tickets duplicating each other; {@code
   *     ticketId} or {@code otherTicketId} for a ticket at its limit of links
   */
  LinkView link(Actor actor, LinkTickets input);

  /** Removes a link; true when there was one. */
  boolean unlink(Actor actor, LinkTickets input);

  /** A ticket's links and merges to tickets the actor sees. */
  TicketRelations relations(Actor actor, String ticketId);

  /**
   * Merges the source into the target: the source is closed with a pointer to the target, the
   * target's {@link #conversation} shows the source's comments and attachments, both tickets are
   * audited and both requesters told. Nothing is copied or moved, so {@link #unmerge} restores the
   * source exactly.
   *
   * @throws ValidationException {@code targetTicketId} for the source itself, another company's
   *     ticket, a merged ticket, a closed or cancelled one; {@code sourceTicketId} for a merged
   *     ticket or one whose status cannot be merged
   */
  MergeView merge(Actor actor, MergeTickets input);

  /**
   * Undoes the merge of the source within the unmerge window: the source's status and status times
   * as they were, its comments on it alone again; what was added to the target since stays there.
   *
   * @throws ValidationException {@code sourceTicketId} when it is not merged or the window has
   *     passed
   */
  TicketView unmerge(Actor actor, String sourceTicketId);

  /** The ticket's conversation with those of the tickets merged into it, as the actor may read. */
  MergedConversation conversation(Actor actor, String ticketId);
}
