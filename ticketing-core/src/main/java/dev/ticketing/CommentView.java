package dev.ticketing;

import java.time.Instant;
import java.util.List;

/** A comment or internal note (seed 000's comment fields). Customers never receive internal ones. */
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

  /** Seed 000's field name. */
  public boolean isInternal() {
    return internal;
  }
}
