package dev.ticketing;

import java.time.Instant;
import java.util.List;

/**
 * A comment or internal note (the GraphQL ticket module's comment fields). Customers never receive
 * internal ones.
 *
 * @since 0.1.0
 */
public record CommentView(
    String id,
    String content,
    boolean internal,
    String ticketId,
    UserView user,
    List<AttachmentView> attachments,
    Instant createdAt,
    Instant updatedAt) {

  public CommentView {
    attachments = List.copyOf(attachments);
  }

  /** The GraphQL ticket module's field name. */
  public boolean isInternal() {
    return internal;
  }
}
