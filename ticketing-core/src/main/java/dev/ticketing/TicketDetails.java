package dev.ticketing;

import java.util.List;

/**
 * A single ticket with everything the actor may see: the GraphQL ticket module's {@code
 * ticket(id)}.
 *
 * @param ticket the ticket's fields
 * @param comments visible comments, oldest first, each with its attachments
 * @param attachments every visible attachment of the ticket, on the ticket itself and on visible
 *     comments (so {@code attachments.size() == ticket.count().attachments()})
 * @since 0.1.0
 */
public record TicketDetails(
    TicketView ticket, List<CommentView> comments, List<AttachmentView> attachments) {
  public TicketDetails {
    comments = List.copyOf(comments);
    attachments = List.copyOf(attachments);
  }
}
