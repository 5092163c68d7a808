package dev.ticketing.examples.desk;

import dev.ticketing.CompanyView;
import dev.ticketing.Counts;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketView;
import dev.ticketing.UserView;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The GraphQL {@code Ticket}: a {@link TicketView} (what every read returns, users and company
 * already resolved by the library in one directory call per page) and, for {@code ticket(id:)},
 * the comments and attachments of {@link TicketDetails}. Its accessors are the schema's field names.
 */
record TicketNode(TicketView view, @Nullable TicketDetails details) {

  static TicketNode of(TicketView view) {
    return new TicketNode(view, null);
  }

  static TicketNode of(TicketDetails details) {
    return new TicketNode(details.ticket(), details);
  }

  public String id() {
    return view.id();
  }

  public String title() {
    return view.title();
  }

  public String description() {
    return view.description();
  }

  public Status status() {
    return view.status();
  }

  public Priority priority() {
    return view.priority();
  }

  public String category() {
    return view.category().name();
  }

  public CompanyView company() {
    return view.company();
  }

  public UserView user() {
    return view.user();
  }

  public @Nullable UserView assignedTo() {
    return view.assignedTo();
  }

  public Counts count() {
    return view.count();
  }

  public Instant createdAt() {
    return view.createdAt();
  }

  public Instant updatedAt() {
    return view.updatedAt();
  }

  public @Nullable Instant resolvedAt() {
    return view.resolvedAt();
  }

  public @Nullable Instant closedAt() {
    return view.closedAt();
  }

  public @Nullable Instant lastCommentAt() {
    return view.lastCommentAt();
  }

  public @Nullable Instant deletedAt() {
    return view.deletedAt();
  }

  public @Nullable String deletedBy() {
    return view.deletedBy();
  }

  /** (extension) Who the ticket is for and who owns it; {@link #user()} is who raised it. */
  public UserView requester() {
    return view.requester();
  }

  /** (extension) Staff only: a customer's list is empty. */
  public List<String> tags() {
    return view.tags();
  }

  /** (extension) Staff only: a customer's list is empty. */
  public List<UserView> followers() {
    return view.followers();
  }

  /** (extension) */
  public List<UserView> ccs() {
    return view.ccs();
  }
}
