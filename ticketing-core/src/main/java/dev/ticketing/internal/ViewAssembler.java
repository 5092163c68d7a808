package dev.ticketing.internal;

import dev.ticketing.AttachmentView;
import dev.ticketing.CommentView;
import dev.ticketing.CompanyView;
import dev.ticketing.Counts;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.SubjectView;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UserView;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.UserInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns store records into the views one actor may see. Users and companies of a whole page are
 * resolved with one directory call each, subjects with one catalog call; counts and last-comment time come from the activity the
 * actor may see (internal notes only for actors who may read them).
 *
 * <p>A directory that fails never fails a view: views are assembled after a write has committed,
 * and an error then would report a change that happened as one that did not (and invite a
 * duplicate). The users and companies are shown with their ids and {@code known = false}; the
 * failure is logged and counted in {@link DirectoryFailures}.
 */
final class ViewAssembler {
  private static final Logger log = LoggerFactory.getLogger(ViewAssembler.class);

  private final Directory directory;
  private final SubjectCatalog subjects;
  private final BlobStore blobs;
  private final PermissionPolicy policy;
  private final TicketingOptions options;
  private final DirectoryFailures failures;
  private final FieldRules fields;

  ViewAssembler(
      Directory directory,
      SubjectCatalog subjects,
      BlobStore blobs,
      PermissionPolicy policy,
      TicketingOptions options,
      DirectoryFailures failures,
      FieldRules fields) {
    this.fields = fields;
    this.directory = directory;
    this.subjects = subjects;
    this.blobs = blobs;
    this.policy = policy;
    this.options = options;
    this.failures = failures;
  }

  /** The users the directory describes, or none when it fails. */
  private Map<String, UserInfo> users(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, UserInfo> found = directory.users(ids);
      return found == null ? Map.of() : found;
    } catch (RuntimeException e) {
      failures.viewFailed();
      log.warn(
          "The directory failed to describe {} users; the view shows their ids only",
          ids.size(),
          e);
      return Map.of();
    }
  }

  /** The companies the directory describes, or none when it fails. */
  private Map<String, CompanyInfo> companies(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, CompanyInfo> found = directory.companies(ids);
      return found == null ? Map.of() : found;
    } catch (RuntimeException e) {
      failures.viewFailed();
      log.warn(
          "The directory failed to describe {} companies; the view shows their ids only",
          ids.size(),
          e);
      return Map.of();
    }
  }

  List<TicketView> tickets(Actor actor, List<TicketRow> rows) {
    return tickets(
        actor,
        rows,
        fields.visibleTo(actor, rows.stream().anyMatch(r -> !r.ticket().fields().isEmpty())));
  }

  /** The views of rows, showing the field values {@code visible} lets through. */
  List<TicketView> tickets(Actor actor, List<TicketRow> rows, FieldRules.Visible visible) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Set<String> userIds = new HashSet<>();
    Set<String> companyIds = new HashSet<>();
    Set<String> subjectIds = new HashSet<>();
    for (TicketRow row : rows) {
      collectPeople(row.ticket(), userIds, companyIds);
      subjectIds.add(row.ticket().category().name());
    }
    Map<String, UserInfo> users = users(userIds);
    Map<String, CompanyInfo> companies = companies(companyIds);
    Map<String, Subject> subjectsById = subjects.subjects(subjectIds);
    List<TicketView> out = new ArrayList<>(rows.size());
    for (TicketRow row : rows) {
      out.add(view(actor, row.ticket(), row.activity(), users, companies, subjectsById, visible));
    }
    return out;
  }

  TicketView ticket(Actor actor, TicketRecord ticket, Activity activity) {
    return tickets(actor, List.of(new TicketRow(ticket, activity))).get(0);
  }

  /** The comments and attachments given must already be filtered to what the actor may see. */
  TicketDetails details(
      Actor actor,
      TicketRecord ticket,
      List<CommentRecord> comments,
      List<AttachmentRecord> attachments) {
    return Objects.requireNonNull(
        details(
                actor,
                List.of(ticket),
                Map.of(ticket.id(), comments),
                Map.of(ticket.id(), attachments))
            .get(ticket.id()));
  }

  /**
   * The details of many tickets, with one directory call for all their users and one for all their
   * companies. The comments and attachments (by ticket id) must already be filtered to what the
   * actor may see.
   */
  Map<String, TicketDetails> details(
      Actor actor,
      List<TicketRecord> tickets,
      Map<String, List<CommentRecord>> comments,
      Map<String, List<AttachmentRecord>> attachments) {
    if (tickets.isEmpty()) {
      return Map.of();
    }
    Set<String> userIds = new HashSet<>();
    Set<String> companyIds = new HashSet<>();
    for (TicketRecord t : tickets) {
      collectPeople(t, userIds, companyIds);
      comments.getOrDefault(t.id(), List.of()).forEach(c -> userIds.add(c.authorId()));
    }
    Map<String, UserInfo> users = users(userIds);
    Map<String, CompanyInfo> companies = companies(companyIds);
    Set<String> subjectIds = new HashSet<>();
    tickets.forEach(t -> subjectIds.add(t.category().name()));
    Map<String, Subject> subjectsById = subjects.subjects(List.copyOf(subjectIds));
    FieldRules.Visible visible =
        fields.visibleTo(actor, tickets.stream().anyMatch(t -> !t.fields().isEmpty()));
    Map<String, TicketDetails> out = new LinkedHashMap<>();
    for (TicketRecord t : tickets) {
      out.put(
          t.id(),
          details(
              actor,
              t,
              comments.getOrDefault(t.id(), List.of()),
              attachments.getOrDefault(t.id(), List.of()),
              users,
              companies,
              subjectsById,
              visible));
    }
    return out;
  }

  private TicketDetails details(
      Actor actor,
      TicketRecord ticket,
      List<CommentRecord> comments,
      List<AttachmentRecord> attachments,
      Map<String, UserInfo> users,
      Map<String, CompanyInfo> companies,
      Map<String, Subject> subjectsById,
      FieldRules.Visible visible) {
    Instant lastCommentAt = null;
    for (CommentRecord c : comments) {
      if (lastCommentAt == null || c.createdAt().isAfter(lastCommentAt)) {
        lastCommentAt = c.createdAt();
      }
    }
    // Both figures describe exactly the lists returned, so the actor's view is consistent.
    Activity seen =
        new Activity(
            comments.size(),
            comments.size(),
            attachments.size(),
            attachments.size(),
            lastCommentAt,
            lastCommentAt);
    TicketView view = view(actor, ticket, seen, users, companies, subjectsById, visible);

    List<AttachmentView> attachmentViews = attachments.stream().map(this::attachment).toList();
    List<CommentView> commentViews = new ArrayList<>(comments.size());
    for (CommentRecord c : comments) {
      List<AttachmentView> own =
          attachmentViews.stream().filter(a -> c.id().equals(a.commentId())).toList();
      commentViews.add(comment(c, own, users));
    }
    return new TicketDetails(view, commentViews, attachmentViews);
  }

  CommentView comment(CommentRecord c, List<AttachmentView> attachments) {
    return comment(c, attachments, users(List.of(c.authorId())));
  }

  AttachmentView attachment(AttachmentRecord a) {
    String url = blobs.presignDownload(a.objectKey(), a.fileName(), options.downloadUrlExpiry());
    return new AttachmentView(
        a.id(),
        a.ticketId(),
        a.commentId(),
        a.fileName(),
        a.fileSize(),
        a.contentType(),
        url,
        a.uploadedBy(),
        a.createdAt());
  }

  private CommentView comment(
      CommentRecord c, List<AttachmentView> attachments, Map<String, UserInfo> users) {
    return new CommentView(
        c.id(),
        c.content(),
        c.internal(),
        c.ticketId(),
        user(c.authorId(), users),
        attachments,
        c.createdAt(),
        c.updatedAt());
  }

  private TicketView view(
      Actor actor,
      TicketRecord t,
      Activity a,
      Map<String, UserInfo> users,
      Map<String, CompanyInfo> companies,
      Map<String, Subject> subjectsById,
      FieldRules.Visible visible) {
    boolean internal = policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t);
    Counts counts =
        internal
            ? new Counts(a.allComments(), a.allAttachments())
            : new Counts(a.publicComments(), a.publicAttachments());
    Instant lastCommentAt = internal ? a.lastCommentAt() : a.lastPublicCommentAt();
    CompanyInfo company = companies.get(t.companyId());
    CompanyView companyView =
        company == null
            ? CompanyView.unknown(t.companyId())
            : new CompanyView(company.id(), company.name(), company.email());
    return new TicketView(
        t.id(),
        t.title(),
        t.description(),
        t.status(),
        t.priority(),
        t.category(),
        companyView,
        user(t.createdBy(), users),
        t.assigneeId() == null ? null : user(t.assigneeId(), users),
        counts,
        t.createdAt(),
        t.updatedAt(),
        t.resolvedAt(),
        t.closedAt(),
        lastCommentAt,
        t.deletedAt(),
        t.deletedBy(),
        t.version(),
        subject(t.category().name(), subjectsById),
        user(t.requesterId(), users),
        // Tags and followers are staff's working notes; a customer sees who else is copied.
        actor.isStaff() ? t.tags() : List.of(),
        actor.isStaff() ? t.followerIds().stream().map(id -> user(id, users)).toList() : List.of(),
        t.ccIds().stream().map(id -> user(id, users)).toList(),
        // Customers never see staff-only fields.
        visible.of(t.fields()));
  }

  private static SubjectView subject(String id, Map<String, Subject> subjectsById) {
    Subject s = subjectsById.get(id);
    return s == null ? SubjectView.unknown(id) : new SubjectView(s.id(), s.label());
  }

  private static UserView user(String id, Map<String, UserInfo> users) {
    UserInfo u = users.get(id);
    return u == null
        ? UserView.unknown(id)
        : new UserView(u.id(), u.firstName(), u.lastName(), u.email(), u.roleName());
  }

  private static void collectPeople(TicketRecord t, Set<String> userIds, Set<String> companyIds) {
    userIds.add(t.createdBy());
    userIds.add(t.requesterId());
    userIds.addAll(t.followerIds());
    userIds.addAll(t.ccIds());
    @Nullable String assignee = t.assigneeId();
    if (assignee != null) {
      userIds.add(assignee);
    }
    companyIds.add(t.companyId());
  }
}
