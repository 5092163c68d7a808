package dev.ticketing;

import java.util.List;

/**
 * A ticket's conversation with the conversations of the tickets merged into it (and those merged
 * into them), oldest first: each comment keeps the id of the ticket it was written on. Only what
 * the actor may read: a merged ticket the actor cannot see adds nothing, and internal notes of a
 * merged ticket are shown only to whoever may read the internal notes of both tickets.
 *
 * @param ticketId the ticket
 * @param comments the comments of the ticket and of its merged tickets, oldest first
 * @param attachments the attachments of the ticket and of its merged tickets, oldest first
 * @since 0.2.0
 */
public record MergedConversation(
    String ticketId, List<CommentView> comments, List<AttachmentView> attachments) {
  public MergedConversation {
    comments = List.copyOf(comments);
    attachments = List.copyOf(attachments);
  }
}
