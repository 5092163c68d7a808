package dev.ticketing;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * @param requester the customer the ticket is for, who owns it; {@link #user()} stays who raised it
 *     (since 0.1.0)
 * @param tags the ticket's tags; empty for customers, to whom tags are staff's working notes (since
 *     0.1.0)
 * @param followers the staff following the ticket; empty for customers (since 0.1.0)
 * @param ccs the customers copied on the ticket (since 0.1.0)
 * @param fields the custom field values the actor may see, by field key: customers never get
 *     staff-only fields (since 0.2.0)
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
    SubjectView subject,
    UserView requester,
    List<String> tags,
    List<UserView> followers,
    List<UserView> ccs,
    Map<String, FieldValue> fields) {

  public TicketView {
    tags = List.copyOf(tags);
    followers = List.copyOf(followers);
    ccs = List.copyOf(ccs);
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  /** A view without custom field values. */
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
      long version,
      SubjectView subject,
      UserView requester,
      List<String> tags,
      List<UserView> followers,
      List<UserView> ccs) {
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
        subject,
        requester,
        tags,
        followers,
        ccs,
        Map.of());
  }

  /** A view of a ticket its creator requested, without tags, followers or CCs. */
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
      long version,
      SubjectView subject) {
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
        subject,
        user,
        List.of(),
        List.of(),
        List.of());
  }

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
