package dev.ticketing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A ticket as one actor sees it (the GraphQL ticket module's ticket fields without the comment and
 * attachment lists, which {@link TicketDetails} adds). {@link #count()} and {@link
 * #lastCommentAt()} take only comments the actor may see into account.
 *
 * @param user the customer or staff member who created the ticket
 * @param assignedTo the assignee, or null
 * @param version optimistic-locking version; increases with every change of the ticket itself
 * @param subject the ticket's subject: its {@link #category()} id and the catalog's label (since
 *     0.2.0)
 * @since 0.1.0
 */
public record TicketView(
    String id,
    String title,
    String description,
    Status status,
    Priority priority,
    Category category,
    CompanyView company,
    UserView user,
    @Nullable UserView assignedTo,
    Counts count,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant resolvedAt,
    @Nullable Instant closedAt,
    @Nullable Instant lastCommentAt,
    @Nullable Instant deletedAt,
    @Nullable String deletedBy,
    long version,
    SubjectView subject) {

  /** A view whose subject label is not known: the category's id stands in for it. */
  public TicketView(
      String id,
      String title,
      String description,
      Status status,
      Priority priority,
      Category category,
      CompanyView company,
      UserView user,
      @Nullable UserView assignedTo,
      Counts count,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant resolvedAt,
      @Nullable Instant closedAt,
      @Nullable Instant lastCommentAt,
      @Nullable Instant deletedAt,
      @Nullable String deletedBy,
      long version) {
    this(
        id,
        title,
        description,
        status,
        priority,
        category,
        company,
        user,
        assignedTo,
        count,
        createdAt,
        updatedAt,
        resolvedAt,
        closedAt,
        lastCommentAt,
        deletedAt,
        deletedBy,
        version,
        SubjectView.unknown(category.name()));
  }
}
