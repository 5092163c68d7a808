package dev.ticketing.internal;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentException;
import dev.ticketing.AttachmentView;
import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ChangeStatus;
import dev.ticketing.CommentView;
import dev.ticketing.ConcurrentModificationException;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.DirectoryUnavailableException;
import dev.ticketing.ExternalNote;
import dev.ticketing.FieldChange;
import dev.ticketing.InvalidStateException;
import dev.ticketing.NotFoundException;
import dev.ticketing.PageRequest;
import dev.ticketing.Priority;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.Status;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingException;
import dev.ticketing.TicketingOptions;
import dev.ticketing.TitleRule;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.StoreUnavailableException;
import dev.ticketing.validation.IdValidator;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.BlobInfo;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.Notification;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.PresignedUpload;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import dev.ticketing.spi.UserInfo;
import dev.ticketing.workflow.IllegalTransitionException;
import dev.ticketing.workflow.ReplyAutomation;
import dev.ticketing.workflow.StatusTimestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link TicketService}. Every write follows the same path: validate the input,
 * then in one unit of work load the ticket, check visibility (not found) and permission (access
 * denied), apply the change, append its audit entry and enqueue its notifications; after commit,
 * wake the dispatcher.
 */
public final class DefaultTicketService implements TicketService {

  private static final Logger log = LoggerFactory.getLogger(DefaultTicketService.class);
  private static final int MAX_BULK = 100;
  /** What a missing title is told where titles are required: the message of {@code @Text(max = 200)}. */
  private static final String TITLE_REQUIRED = "must be 1 to 200 characters after trimming, without control characters";
  private static final String UNKNOWN_SUBJECT = "is not a known subject";
  private static final String INACTIVE_SUBJECT = "is not an active subject";
  /** Comment writes retry this often on a conflict with a concurrent change of the same ticket. */
  private static final int COMMENT_ATTEMPTS = 5;
  /**
   * How long one confirmation holds its upload grant: its copy must be done well within it. The
   * sweeper leaves expired grants alone for as long, so a claim taken just before expiry can finish.
   */
  public static final Duration CONFIRMATION_LEASE = Duration.ofMinutes(5);

  private final TicketStore store;
  private final BlobStore blobs;
  private final Directory directory;
  private final SubjectCatalog subjects;
  private final PermissionPolicy policy;
  private final TicketingOptions options;
  private final Clock clock;
  private final IdGenerator ids;
  private final Runnable afterCommit;
  private final InputValidator validator = new InputValidator();
  private final NotificationRouter router;
  private final ViewAssembler views;
  private final IdempotencyKeys keys;
  private final SecureRandom random = new SecureRandom();
  private final ReplyAutomation replies;

  public DefaultTicketService(TicketStore store, BlobStore blobs, Directory directory, PermissionPolicy policy,
      TicketingOptions options, Clock clock, IdGenerator ids, Runnable afterCommit) {
    this(store, blobs, directory, InMemorySubjectCatalog.ofCategories(options.categories()), policy, options, clock,
        ids, afterCommit, new DirectoryFailures());
  }

  /**
   * With the host's subjects, and the counter directory failures are counted in (views shown
   * without the directory's data).
   */
  public DefaultTicketService(TicketStore store, BlobStore blobs, Directory directory, SubjectCatalog subjects,
      PermissionPolicy policy, TicketingOptions options, Clock clock, IdGenerator ids, Runnable afterCommit,
      DirectoryFailures failures) {
    this.subjects = Objects.requireNonNull(subjects, "subjects");
    this.store = Objects.requireNonNull(store, "store");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
    this.router = new NotificationRouter(options, ids);
    this.views = new ViewAssembler(directory, subjects, blobs, policy, options,
        Objects.requireNonNull(failures, "failures"));
    this.keys = new IdempotencyKeys(store, clock, options.idempotencyKeyRetention());
    this.replies = new ReplyAutomation(options.transitions(), options.customerReplyResumesWork(),
        options.customerReplyReopens());
  }

  /**
   * Deletes the idempotency key records whose retention has passed; returns how many. The
   * background dispatcher of {@link dev.ticketing.Ticketing} calls it hourly.
   */
  public int purgeExpiredIdempotencyKeys() {
    return keys.purgeExpired();
  }

  // ------------------------------------------------------------------ writes

  @Override
  public TicketView createTicket(Actor actor, CreateTicket input) {
    List<Violation> problems = new ArrayList<>(validator.violations("input", input));
    Subject subject = null;
    if (input != null) {
      if (input.title() == null && options.titles() == TitleRule.REQUIRED) {
        problems.add(new Violation("title", TITLE_REQUIRED));
      }
      subject = subjectFor(input.category(), problems, true);
    }
    InputValidator.throwIfAny(problems);
    String companyId = input.companyId() != null ? input.companyId() : actor.companyId();
    if (companyId == null) {
      throw ValidationException.of("companyId", "is required when staff create a ticket");
    }
    Category category = Objects.requireNonNull(subject).category();
    if (!policy.permitsCreate(actor, companyId)) {
      throw denied(actor, Operation.CREATE_TICKET, "company " + companyId);
    }
    // Only after the permission check: a refused caller must not learn which companies exist.
    requireKnownCompany(companyId, companyId.equals(actor.companyId()));
    String title = input.title() != null ? strip(input.title()) : DerivedTitles.derive(options.titles(), subject,
        strip(input.description()));
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, "createTicket", input);
    return keyedWrite(key, () -> {
      Instant now = now();
      TicketRecord ticket = new TicketRecord(ids.newId(), companyId, actor.id(), title,
          strip(input.description()), Status.OPEN, input.priority() != null ? input.priority() : Priority.MEDIUM,
          category, null, now, now, null, null, null, null, null, 0);
      store.insertTicket(ticket);
      audit(ticket, AuditAction.CREATED, actor, now, List.of(
          change("title", null, ticket.title()),
          change("status", null, ticket.status()),
          change("priority", null, ticket.priority()),
          change("category", null, ticket.category()),
          change("companyId", null, ticket.companyId())));
      enqueue(router.created(ticket, actor));
      return new Snapshot(ticket, Activity.NONE);
    }, Snapshot::ticketId, written -> views.ticket(actor, written.ticket(), written.activity()),
        ticketId -> replayTicket(actor, ticketId));
  }

  @Override
  public TicketView updateTicket(Actor actor, UpdateTicket input) {
    List<Violation> problems = new ArrayList<>(validator.violations("input", input));
    Subject subject = input == null || input.category() == null ? null : subjectFor(input.category(), problems, false);
    InputValidator.throwIfAny(problems);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, "updateTicket", input);
    return keyedWrite(key, () -> snapshot(updateTicketInUnit(actor, input, subject)), Snapshot::ticketId,
        written -> views.ticket(actor, written.ticket(), written.activity()), ticketId -> replayTicket(actor, ticketId));
  }

  private TicketRecord updateTicketInUnit(Actor actor, UpdateTicket input, @Nullable Subject subject) {
    TicketRecord t = visible(actor, input.id(), Operation.UPDATE_TICKET);
    require(actor, Operation.UPDATE_TICKET, t);
    if (subject != null && !subject.active() && !subject.category().equals(t.category())) {
      // A ticket may keep a subject that was retired since, but none may move to it.
      throw ValidationException.of("category", INACTIVE_SUBJECT);
    }
    List<FieldChange> changes = new ArrayList<>();
    TicketRecord.Builder b = t.edit();
    String title = input.title() == null ? null : strip(input.title());
    if (title != null && !title.equals(t.title())) {
      changes.add(change("title", t.title(), title));
      b.title(title);
    }
    String description = input.description() == null ? null : strip(input.description());
    if (description != null && !description.equals(t.description())) {
      changes.add(change("description", t.description(), description));
      b.description(description);
    }
    if (input.priority() != null && input.priority() != t.priority()) {
      changes.add(change("priority", t.priority(), input.priority()));
      b.priority(input.priority());
    }
    if (input.category() != null && !input.category().equals(t.category())) {
      changes.add(change("category", t.category(), input.category()));
      b.category(input.category());
    }
    if (changes.isEmpty()) {
      return t; // nothing to change: no new version, no audit entry
    }
    Instant now = now();
    TicketRecord stored = store.updateTicket(b.updatedAt(now).build());
    audit(stored, AuditAction.UPDATED, actor, now, changes);
    return stored;
  }

  @Override
  public TicketView changeStatus(Actor actor, ChangeStatus input) {
    validator.check("input", input);
    Status target = Objects.requireNonNull(input.status());
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, "changeStatus", input);
    return keyedWrite(key, () -> {
      TicketRecord t = visible(actor, input.ticketId(), Operation.CHANGE_STATUS);
      if (!policy.permitsStatusChange(actor, t, target)) {
        throw denied(actor, Operation.CHANGE_STATUS, "ticket " + t.id() + " " + t.status() + " -> " + target);
      }
      options.transitions().check(t.status(), target);
      return snapshot(move(actor, t, target, now()));
    }, Snapshot::ticketId, written -> views.ticket(actor, written.ticket(), written.activity()),
        ticketId -> replayTicket(actor, ticketId));
  }

  @Override
  public TicketView assignTicket(Actor actor, AssignTicket input) {
    validator.check("input", input);
    String assigneeId = input.assignedToId();
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, "assignTicket", input);
    return keyedWrite(key, () -> snapshot(assignInUnit(actor, input.ticketId(), assigneeId)), Snapshot::ticketId,
        written -> views.ticket(actor, written.ticket(), written.activity()), ticketId -> replayTicket(actor, ticketId));
  }

  private TicketRecord assignInUnit(Actor actor, @Nullable String ticketId, @Nullable String assigneeId) {
    TicketRecord t = visible(actor, ticketId, Operation.ASSIGN_TICKET);
    require(actor, Operation.ASSIGN_TICKET, t);
    // Only after the permission check: a refused caller must not learn who is staff.
    if (assigneeId != null) {
      UserInfo assignee = staffCheck(assigneeId);
      if (assignee == null || !assignee.role().isStaff()) {
        throw ValidationException.of("assignedToId", "must be a staff member");
      }
    }
    if (Objects.equals(t.assigneeId(), assigneeId)) {
      return t;
    }
    Instant now = now();
    List<FieldChange> changes = new ArrayList<>();
    changes.add(change("assignedTo", t.assigneeId(), assigneeId));
    TicketRecord.Builder b = t.edit().assigneeId(assigneeId).updatedAt(now);
    if (assigneeId != null) {
      switch (t.status()) {
        case RESOLVED, CLOSED, CANCELLED -> throw new InvalidStateException(t.status(),
            "cannot assign a ticket that is " + t.status() + (t.status() == Status.CANCELLED ? "" : "; reopen it first"));
        case OPEN, REOPENED -> {
          if (options.transitions().allows(t.status(), Status.IN_PROGRESS)) {
            changes.add(change("status", t.status(), Status.IN_PROGRESS));
            b.status(Status.IN_PROGRESS);
          }
        }
        default -> { }
      }
    }
    TicketRecord stored = store.updateTicket(b.build());
    audit(stored, assigneeId == null ? AuditAction.TICKET_UNASSIGNED : AuditAction.TICKET_ASSIGNED, actor, now, changes);
    if (assigneeId != null) {
      enqueue(router.assigned(stored, actor, now));
    }
    return stored;
  }

  /**
   * A ticket's company must be one the directory knows. While the directory is down that cannot be
   * told: a customer's own company, which came with their sign-in, is taken as it is (a directory
   * outage never fails their write); any other company fails the call with a retryable {@code
   * UNAVAILABLE}, writing nothing.
   */
  private void requireKnownCompany(String companyId, boolean creatorsOwn) {
    Map<String, CompanyInfo> found;
    try {
      found = directory.companies(List.of(companyId));
    } catch (RuntimeException e) {
      if (creatorsOwn) {
        log.warn("The directory failed; ticket created for the creator's own company {} unchecked", companyId, e);
        return;
      }
      throw new DirectoryUnavailableException("the directory could not say whether the company exists; retry", e);
    }
    if (found == null || !found.containsKey(companyId)) {
      throw ValidationException.of("companyId", "is not a company the directory knows");
    }
  }

  private @Nullable UserInfo staffCheck(String assigneeId) {
    try {
      Map<String, UserInfo> found = directory.users(List.of(assigneeId));
      return found == null ? null : found.get(assigneeId);
    } catch (RuntimeException e) {
      throw new DirectoryUnavailableException("the directory could not say whether the assignee is staff; retry", e);
    }
  }

  @Override
  public CommentView addComment(Actor actor, AddComment input) {
    validator.check("input", input);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, "addComment", input);
    return retryOnConflict(() -> keyedWrite(key, () -> {
      TicketRecord t = visible(actor, input.ticketId(), commentOperation(input.internal()));
      require(actor, commentOperation(input.internal()), t);
      requireOpenForComments(t);
      Instant now = now();
      CommentRecord c = new CommentRecord(ids.newId(), t.id(), actor.id(), strip(input.content()), input.internal(),
          null, now, now);
      store.insertComment(c);
      audit(t, AuditAction.TICKET_COMMENT_ADDED, actor, now, List.of(
          change("commentId", null, c.id()), change("internal", null, Boolean.toString(c.internal()))));
      TicketRecord after = applyReplyAutomation(actor, t, c, now);
      enqueue(router.comment(after, c, actor, false, now));
      return c;
    }, CommentRecord::id, c -> views.comment(c, List.of()), commentId -> replayComment(actor, commentId)));
  }

  @Override
  public CommentView recordExternalNote(Actor actor, ExternalNote note) {
    validator.check("note", note);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, "recordExternalNote", note);
    return retryOnConflict(() -> keyedWrite(key, () -> {
      TicketRecord t = visible(actor, note.ticketId(), commentOperation(note.internal()));
      require(actor, commentOperation(note.internal()), t);
      var existing = store.findCommentByExternalId(note.externalId());
      if (existing.isPresent()) {
        // A repeated event returns the note recorded before, but only to someone who may read it: an
        // internal note is not handed to a caller who names its id without the right to see it. One
        // answer for both refusals, so that the id says nothing about where it was recorded.
        CommentRecord recorded = existing.get();
        if (!recorded.ticketId().equals(t.id())
            || (recorded.internal() && !policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t))) {
          throw ValidationException.of("externalId", "was already recorded for another ticket or note");
        }
        return recorded; // a repeated event: recorded once, notified once
      }
      // Like any comment: a closed or cancelled ticket takes no new notes (reopen it first). A repeat of a
      // note recorded before it was closed was answered above, so a redelivery still succeeds.
      requireOpenForComments(t);
      Instant now = now();
      Instant createdAt = note.createdAt() != null ? note.createdAt().truncatedTo(ChronoUnit.MICROS) : now;
      CommentRecord c = new CommentRecord(ids.newId(), t.id(), actor.id(), strip(note.content()), note.internal(),
          note.externalId(), createdAt, createdAt);
      store.insertComment(c);
      audit(t, AuditAction.TICKET_COMMENT_ADDED, actor, now, List.of(
          change("commentId", null, c.id()), change("internal", null, Boolean.toString(c.internal())),
          change("externalId", null, note.externalId())));
      enqueue(router.comment(t, c, actor, true, now));
      return c;
    }, CommentRecord::id, c -> views.comment(c, List.of()), commentId -> replayComment(actor, commentId)));
  }

  @Override
  public UploadUrl requestUpload(Actor actor, RequestUpload input) {
    // Every rule, annotated or not, before anything throws: one exception lists all violations.
    List<Violation> problems = new ArrayList<>(validator.violations("input", input));
    String fileName = null;
    if (input != null) {
      String type = input.contentType();
      if (type != null && !type.isBlank() && !options.allowedContentTypes().contains(normaliseContentType(type))) {
        problems.add(new Violation("contentType", "is not an allowed content type"));
      }
      if (input.fileSize() > options.maxFileSize()) {
        problems.add(new Violation("fileSize", "must be at most " + options.maxFileSize() + " bytes"));
      }
      if (problems.stream().noneMatch(v -> v.field().equals("fileName"))) {
        try {
          fileName = FileNames.sanitise(Objects.requireNonNull(input.fileName()));
        } catch (ValidationException e) {
          problems.addAll(e.violations());
        }
      }
    }
    InputValidator.throwIfAny(problems);
    String contentType = normaliseContentType(Objects.requireNonNull(input).contentType());
    String safeName = Objects.requireNonNull(fileName);
    IdempotencyKeys.Key idempotencyKey = IdempotencyKeys.of(actor, "requestUpload", input);
    return keyedWrite(idempotencyKey, () -> {
      TicketRecord t = visible(actor, input.ticketId(), Operation.ATTACH_FILE);
      require(actor, Operation.ATTACH_FILE, t);
      requireOpenForComments(t);
      // The URL writes a staging object outside every ticket's prefix; the key under the ticket's
      // prefix, which the file will be served from, is only ever written by the copy at confirmation.
      String key = options.keyPrefix() + t.id() + "/" + randomSegment() + "/" + safeName;
      String stagingKey = options.stagingPrefix() + randomSegment();
      Instant now = now();
      PresignedUpload upload = blobs.presignUpload(stagingKey, contentType, input.fileSize(), options.uploadUrlExpiry());
      store.saveUploadGrant(new UploadGrant(key, stagingKey, t.id(), actor.id(), safeName, contentType,
          input.fileSize(), now, now.plus(options.uploadUrlExpiry()).plus(options.confirmationWindow())));
      return new UploadUrl(upload.url(), key, options.uploadUrlExpiry().toSeconds(), options.maxFileSize(),
          upload.requiredHeaders());
    }, UploadUrl::key, url -> url, objectKey -> replayUpload(actor, objectKey));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The upload is checked where it was staged, then copied to the grant's object key and checked
   * again there: what is recorded is what was checked, and the uploader's URL can only ever replace
   * the staged copy, which is never served. The copy happens under a claim on the grant (one
   * confirmation at a time) and outside any database transaction; if recording fails after it, the
   * copy is deleted and the claim released so that the call can be repeated. What a failure leaves
   * in object storage stays named by the grant, which the sweeper removes with its objects once it
   * expires.
   */
  @Override
  public AttachmentView confirmAttachment(Actor actor, ConfirmAttachment input) {
    validator.check("input", input);
    IdempotencyKeys.Key idempotencyKey = IdempotencyKeys.of(actor, "confirmAttachment", input);
    if (idempotencyKey != null) {
      // A repeat after a lost response: the grant is gone by now, so answer before checking it.
      String first = keys.firstResult(idempotencyKey);
      if (first != null) {
        return replayAttachment(actor, first);
      }
    }
    // Checked before anything is claimed or copied: no database transaction waits on object storage.
    UploadGrant grant = attachable(actor, input, true);
    checkUpload(grant, blobs.head(grant.stagingKey()));
    String claim = randomSegment();
    Instant claimedAt = now();
    Instant claimedUntil = claimedAt.plus(CONFIRMATION_LEASE);
    if (!store.inTransaction(() -> store.claimUploadGrant(grant.objectKey(), claim, claimedAt, claimedUntil))) {
      if (store.findUploadGrant(grant.objectKey()).isPresent()) {
        throw ConcurrentModificationException.conflict(
            "another call is confirming this key; retry", new IllegalStateException("upload grant claimed"));
      }
      throw new AttachmentException("key was not issued for this ticket, or was already confirmed");
    }
    Copy copy = Copy.NOT_SENT;
    AttachmentRecord attachment;
    try {
      copy = Copy.IN_FLIGHT;
      Optional<BlobInfo> copied = blobs.copy(grant.stagingKey(), grant.objectKey());
      copy = copied.isPresent() ? Copy.DONE : Copy.NOT_SENT;
      // The object that will be served is the one checked.
      checkUpload(grant, copied);
      if (!clock.instant().isBefore(claimedUntil.minus(CONFIRMATION_LEASE.dividedBy(5)))) {
        throw new StoreUnavailableException("confirming took too long; upload the file again",
            new TimeoutException("copy of an upload outlasted its claim"));
      }
      attachment = write(() -> {
        // Again inside the unit of work: the ticket, the comment or the grant may have moved since.
        // Not its expiry: a claim taken in time may finish (the sweeper waits for the lease).
        attachable(actor, input, false);
        TicketRecord t = visible(actor, input.ticketId(), Operation.ATTACH_FILE);
        CommentRecord comment = input.commentId() == null ? null : linkableComment(actor, t, input.commentId());
        if (!store.deleteClaimedUploadGrant(grant.objectKey(), claim)) {
          throw new AttachmentException("the upload was withdrawn while it was being confirmed");
        }
        Instant now = now();
        AttachmentRecord a = new AttachmentRecord(ids.newId(), t.id(), comment == null ? null : comment.id(),
            comment != null && comment.internal(), grant.objectKey(), grant.fileName(), grant.contentType(),
            grant.fileSize(), actor.id(), now);
        store.insertAttachment(a);
        if (idempotencyKey != null) {
          keys.save(idempotencyKey, a.ticketId() + " " + a.id());
        }
        // The upload URL may write the staged object again until it expires: delete it then too.
        store.scheduleObjectDeletions(List.of(new ObjectDeletion(grant.stagingKey(), latest(now, grant.expiresAt()))));
        audit(t, AuditAction.ATTACHMENT_ADDED, actor, now, List.of(
            change("attachmentId", null, a.id()), change("commentId", null, a.commentId())));
        return a;
      });
    } catch (RuntimeException e) {
      abandon(grant, claim, claimedUntil, copy);
      throw e;
    }
    // Committed: from here on the copy is the file, whatever fails.
    deleteQuietly(List.of(grant.stagingKey()), "staged upload");
    return views.attachment(attachment);
  }

  /** How far a confirmation got with its copy when it failed. */
  private enum Copy {
    /** Nothing was written under the object key. */
    NOT_SENT,
    /** The copy was sent and did not answer: it may still complete. */
    IN_FLIGHT,
    /** The copy completed: the object key holds the upload. */
    DONE
  }

  /**
   * After a confirmation failed: removes its copy and releases its claim, so that the call can be
   * repeated. A copy that did not answer may still land, so its claim is kept until the lease runs
   * out (no second copy can race it); past the lease another call may hold the grant, and nothing is
   * touched. Whatever stays behind is named by the grant and swept with it.
   */
  private void abandon(UploadGrant grant, String claim, Instant claimedUntil, Copy copy) {
    if (copy == Copy.IN_FLIGHT || !clock.instant().isBefore(claimedUntil)) {
      log.warn("Confirmation of upload {} failed with its copy unfinished or its claim expired; the grant stays "
          + "claimed until {} and is swept if never confirmed", grant.objectKey(), claimedUntil);
      return;
    }
    if (copy == Copy.DONE) {
      deleteQuietly(List.of(grant.objectKey()), "copy of a failed confirmation");
    }
    try {
      store.inTransaction(() -> store.releaseUploadGrant(grant.objectKey(), claim));
    } catch (RuntimeException e) {
      log.warn("Could not release the claim on upload {}; it ends at {}", grant.objectKey(), claimedUntil, e);
    }
  }

  private void deleteQuietly(List<String> keys, String what) {
    try {
      blobs.delete(keys);
    } catch (RuntimeException e) {
      log.warn("Could not delete {} {} yet; it is deleted when swept", what, keys, e);
    }
  }

  /** The upload's real size and type must be the issued ones. */
  private static void checkUpload(UploadGrant grant, Optional<BlobInfo> found) {
    BlobInfo stored = found.orElseThrow(() -> new AttachmentException("nothing was uploaded under this key"));
    if (stored.size() != grant.fileSize()) {
      throw new AttachmentException("uploaded size " + stored.size() + " differs from the issued " + grant.fileSize());
    }
    if (!normaliseContentType(stored.contentType()).equals(grant.contentType())) {
      throw new AttachmentException("uploaded content type differs from the issued " + grant.contentType());
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * The grant of a confirmable upload: visible ticket, permission, open status, issued key (not
   * expired, when {@code checkExpiry}), linkable comment.
   */
  private UploadGrant attachable(Actor actor, ConfirmAttachment input, boolean checkExpiry) {
    TicketRecord t = visible(actor, input.ticketId(), Operation.ATTACH_FILE);
    require(actor, Operation.ATTACH_FILE, t);
    // Like the upload URL: a ticket closed since the URL was issued takes no more files.
    requireOpenForComments(t);
    UploadGrant grant = store.findUploadGrant(Objects.requireNonNull(input.key())).orElse(null);
    if (grant == null || !grant.ticketId().equals(t.id())) {
      throw new AttachmentException("key was not issued for this ticket, or was already confirmed");
    }
    if (checkExpiry && !now().isBefore(grant.expiresAt())) {
      throw new AttachmentException("the upload expired at " + grant.expiresAt() + "; request a new upload URL");
    }
    if (input.commentId() != null) {
      linkableComment(actor, t, input.commentId());
    }
    return grant;
  }

  private CommentRecord linkableComment(Actor actor, TicketRecord t, String commentId) {
    CommentRecord comment = store.findComment(commentId).filter(c -> c.ticketId().equals(t.id()))
        .orElseThrow(() -> new NotFoundException("comment", commentId));
    if (comment.internal() && !policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t)) {
      // An internal note does not exist for whoever may not read it; the attempt is logged all the same.
      throw hidden(actor, Operation.VIEW_INTERNAL_NOTES, "comment", commentId, "of ticket " + t.id());
    }
    // A file on a comment reads as part of it: only its author, or staff, may add one.
    if (!actor.isStaff() && !comment.authorId().equals(actor.id())) {
      throw denied(actor, Operation.ATTACH_FILE, "comment " + commentId + " of ticket " + t.id() + " by another author");
    }
    return comment;
  }

  @Override
  public TicketView deleteTicket(Actor actor, String ticketId, @Nullable String idempotencyKey) {
    InputValidator.checkId("id", ticketId);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, idempotencyKey, "deleteTicket", ticketId);
    return keyedWrite(key, () -> {
      TicketRecord t = visible(actor, ticketId, Operation.DELETE_TICKET);
      require(actor, Operation.DELETE_TICKET, t);
      Instant now = now();
      TicketRecord stored = store.updateTicket(t.edit().status(Status.CANCELLED).statusBeforeDelete(t.status())
          .deletedAt(now).deletedBy(actor.id()).updatedAt(now).build());
      audit(stored, AuditAction.DELETED, actor, now, List.of(change("status", t.status(), Status.CANCELLED)));
      return snapshot(stored);
    }, Snapshot::ticketId, written -> views.ticket(actor, written.ticket(), written.activity()),
        id -> replayTicket(actor, id));
  }

  @Override
  public TicketView restoreTicket(Actor actor, String ticketId, @Nullable String idempotencyKey) {
    InputValidator.checkId("id", ticketId);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, idempotencyKey, "restoreTicket", ticketId);
    return keyedWrite(key, () -> {
      TicketRecord t = deletedOrVisible(actor, ticketId, Operation.RESTORE_TICKET);
      if (!t.deleted()) {
        throw new InvalidStateException(t.status(), "ticket " + t.id() + " is not deleted");
      }
      Status previous = t.statusBeforeDelete() != null ? t.statusBeforeDelete() : Status.CANCELLED;
      Instant now = now();
      TicketRecord stored = store.updateTicket(t.edit().status(previous).statusBeforeDelete(null).deletedAt(null)
          .deletedBy(null).updatedAt(now).build());
      audit(stored, AuditAction.RESTORED, actor, now, List.of(change("status", t.status(), previous)));
      return snapshot(stored);
    }, Snapshot::ticketId, written -> views.ticket(actor, written.ticket(), written.activity()),
        id -> replayTicket(actor, id));
  }

  @Override
  public void purgeTicket(Actor actor, String ticketId, @Nullable String idempotencyKey) {
    InputValidator.checkId("id", ticketId);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, idempotencyKey, "purgeTicket", ticketId);
    // A repeat answers with no object keys: the first call deleted the files (or said it could not).
    List<String> keys = keyedWrite(key, () -> {
      TicketRecord t = deletedOrVisible(actor, ticketId, Operation.PURGE_TICKET);
      PurgedTicket purged = store.purgeTicket(t.id());
      Instant now = now();
      // Scheduled in the same unit of work, so that no object outlives the purge even when deleting
      // them below fails or the process stops first: the sweeper deletes what is due.
      List<ObjectDeletion> deletions = new ArrayList<>();
      purged.attachmentKeys().forEach(k -> deletions.add(new ObjectDeletion(k, now)));
      for (UploadGrant g : purged.uploadGrants()) {
        // The grant is gone, so nothing can be confirmed under it any more; its URL may still write
        // the staged object until it expires: deleted now, and again then.
        deletions.add(new ObjectDeletion(g.objectKey(), now));
        deletions.add(new ObjectDeletion(g.stagingKey(), latest(now, g.expiresAt())));
      }
      store.scheduleObjectDeletions(deletions);
      // The entry that survives the erasure: who erased which id, nothing of the content.
      audit(t, AuditAction.PURGED, actor, now, List.of());
      return deletions.stream().map(ObjectDeletion::objectKey).toList();
    }, objectKeys -> "", objectKeys -> objectKeys, first -> List.<String>of());
    if (!keys.isEmpty()) {
      try {
        blobs.delete(keys);
      } catch (RuntimeException e) {
        // The records are gone; the objects are unreachable, and scheduled: the sweeper deletes them.
        log.warn("Purged ticket {} but could not delete its {} objects yet; the attachment sweeper retries", ticketId,
            keys.size(), e);
      }
    }
  }

  @Override
  public Map<String, ResolveOutcome> resolveTickets(Actor actor, List<String> ticketIds,
      @Nullable String idempotencyKey) {
    if (ticketIds == null || ticketIds.isEmpty() || ticketIds.size() > MAX_BULK) {
      throw ValidationException.of("ticketIds", "must hold 1 to " + MAX_BULK + " ids");
    }
    List<Violation> problems = new ArrayList<>();
    for (int i = 0; i < ticketIds.size(); i++) {
      String id = ticketIds.get(i);
      if (id == null || !IdValidator.isWellFormed(id)) {
        problems.add(new Violation("ticketIds[" + i + "]", "must be a well-formed id"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, idempotencyKey, "resolveTickets", ticketIds);
    if (key != null) {
      String first = keys.firstResult(key);
      if (first != null) {
        return decodeOutcomes(first);
      }
    }
    Map<String, ResolveOutcome> outcomes = new LinkedHashMap<>();
    for (String id : new LinkedHashSet<>(ticketIds)) {
      outcomes.put(id, retryOnConflict(() -> resolveOne(actor, id)));
    }
    if (key != null && outcomes.containsValue(ResolveOutcome.RESOLVED)) {
      // Each ticket was resolved in a unit of its own; the key is recorded with the outcomes once
      // all are done. A concurrent first use that recorded them first wins: its outcomes are the
      // answer. A call that resolved nothing wrote nothing, not even its key: repeating it changes
      // nothing either.
      try {
        store.inTransaction(() -> {
          keys.save(key, encodeOutcomes(outcomes));
          return null;
        });
      } catch (TicketingException e) {
        String first = keys.firstResult(key);
        if (first == null) {
          throw e;
        }
        return decodeOutcomes(first);
      }
    }
    return outcomes;
  }

  private static String encodeOutcomes(Map<String, ResolveOutcome> outcomes) {
    StringBuilder b = new StringBuilder();
    outcomes.forEach((id, outcome) -> b.append(id).append('=').append(outcome.name()).append('\n'));
    return b.toString();
  }

  private static Map<String, ResolveOutcome> decodeOutcomes(String encoded) {
    Map<String, ResolveOutcome> out = new LinkedHashMap<>();
    for (String line : encoded.split("\n")) {
      if (!line.isEmpty()) {
        int eq = line.lastIndexOf('=');
        out.put(line.substring(0, eq), ResolveOutcome.valueOf(line.substring(eq + 1)));
      }
    }
    return out;
  }

  private ResolveOutcome resolveOne(Actor actor, String id) {
    try {
      return write(() -> {
        TicketRecord t = visible(actor, id, Operation.CHANGE_STATUS);
        if (t.status() == Status.RESOLVED || t.status() == Status.CLOSED) {
          return ResolveOutcome.ALREADY_RESOLVED;
        }
        if (!policy.permitsStatusChange(actor, t, Status.RESOLVED)) {
          denied(actor, Operation.CHANGE_STATUS, "ticket " + t.id() + " " + t.status() + " -> RESOLVED (bulk)");
          return ResolveOutcome.NOT_ALLOWED;
        }
        if (!options.transitions().allows(t.status(), Status.RESOLVED)) {
          return ResolveOutcome.NOT_ALLOWED;
        }
        move(actor, t, Status.RESOLVED, now());
        return ResolveOutcome.RESOLVED;
      });
    } catch (NotFoundException e) {
      return ResolveOutcome.NOT_FOUND;
    }
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Set<Category> categories() {
    Set<Category> active = new LinkedHashSet<>();
    for (Subject s : subjects()) {
      active.add(s.category());
    }
    return java.util.Collections.unmodifiableSet(active);
  }

  @Override
  public List<Subject> subjects() {
    return subjects.all().stream().filter(Subject::active).toList();
  }

  @Override
  public TicketDetails ticket(Actor actor, String ticketId) {
    InputValidator.checkId("id", ticketId);
    TicketRecord t = visible(actor, ticketId, Operation.VIEW_TICKET);
    boolean internal = policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t);
    return views.details(actor, t, store.comments(t.id(), internal), store.attachments(t.id(), internal));
  }

  @Override
  public Map<String, TicketDetails> ticketDetails(Actor actor, Collection<String> ticketIds) {
    if (ticketIds == null) {
      throw ValidationException.of("ticketIds", "must not be null");
    }
    Set<String> ids = new LinkedHashSet<>();
    List<Violation> problems = new ArrayList<>();
    int index = 0;
    for (String id : ticketIds) {
      if (id == null || !IdValidator.isWellFormed(id)) {
        problems.add(new Violation("ticketIds[" + index + "]", "must be an id of 1 to 128 letters, digits or . _ : @ -"));
      } else {
        ids.add(id);
      }
      index++;
    }
    if (ids.size() > options.listLimit()) {
      problems.add(new Violation("ticketIds", "must hold at most " + options.listLimit() + " ids"));
    }
    InputValidator.throwIfAny(problems);
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, TicketRecord> found = store.findTickets(ids);
    List<TicketRecord> visible = new ArrayList<>(ids.size());
    Map<String, List<CommentRecord>> comments = new LinkedHashMap<>();
    Map<String, List<AttachmentRecord>> attachments = new LinkedHashMap<>();
    for (String id : ids) {
      TicketRecord t = found.get(id);
      if (t == null || t.deleted()) {
        continue;
      }
      if (!policy.permits(actor, Operation.VIEW_TICKET, t)) {
        logHidden(actor, Operation.VIEW_TICKET, "ticket", id, "");
        continue;
      }
      // The store reads a ticket's comments and attachments per ticket; what matters to a caller is
      // that one call serves a whole list, with one directory call for all of it.
      boolean internal = policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t);
      visible.add(t);
      comments.put(id, store.comments(id, internal));
      attachments.put(id, store.attachments(id, internal));
    }
    return views.details(actor, visible, comments, attachments);
  }

  @Override
  public List<TicketView> myTickets(Actor actor) {
    return list(actor, TicketFilter.builder().createdBy(actor.id()).build());
  }

  @Override
  public List<TicketView> myAssignedTickets(Actor actor) {
    return list(actor, TicketFilter.builder().assignedToId(actor.id()).build());
  }

  @Override
  public List<TicketView> ticketsByCompany(Actor actor, String companyId) {
    InputValidator.checkId("companyId", companyId);
    return list(actor, TicketFilter.builder().companyId(companyId).build());
  }

  @Override
  public List<TicketView> tickets(Actor actor, TicketFilter filter) {
    if (!policy.permits(actor, Operation.LIST_ALL_TICKETS)) {
      throw denied(actor, Operation.LIST_ALL_TICKETS, "admin listing");
    }
    return list(actor, filter);
  }

  private List<TicketView> list(Actor actor, TicketFilter filter) {
    validator.check("filter", filter);
    List<TicketRow> rows = store.list(query(actor, filter, null, options.listLimit()));
    return views.tickets(actor, rows);
  }

  @Override
  public TicketPage ticketsPaginated(Actor actor, PageRequest page, TicketFilter filter) {
    List<Violation> problems = new ArrayList<>(validator.violations("page", page));
    problems.addAll(validator.violations("filter", filter));
    Keyset after = null;
    if (page != null && page.after() != null && problems.stream().noneMatch(v -> v.field().equals("after"))) {
      try {
        after = KeysetCursor.decode(page.after());
      } catch (ValidationException e) {
        problems.addAll(e.violations());
      }
    }
    InputValidator.throwIfAny(problems);
    TicketQuery query = query(actor, filter, after, page.first() + 1);
    List<TicketRow> rows = store.list(query);
    boolean hasNext = rows.size() > page.first();
    if (hasNext) {
      rows = rows.subList(0, page.first());
    }
    List<TicketView> nodes = views.tickets(actor, rows);
    List<TicketPage.Edge> edges = new ArrayList<>(nodes.size());
    for (TicketView v : nodes) {
      edges.add(new TicketPage.Edge(v, KeysetCursor.encode(new Keyset(v.createdAt(), v.id()))));
    }
    String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    Long total = page.includeTotalCount() ? store.count(query) : null;
    return new TicketPage(edges, new TicketPage.PageInfo(endCursor, hasNext), total);
  }

  @Override
  public TicketStats ticketStats(Actor actor, @Nullable String companyId) {
    if (companyId != null) {
      InputValidator.checkId("companyId", companyId);
    }
    if (!policy.permits(actor, Operation.VIEW_STATISTICS)) {
      throw denied(actor, Operation.VIEW_STATISTICS, "statistics");
    }
    return store.stats(policy.visibleScope(actor), companyId);
  }

  @Override
  public List<AuditEntry> history(Actor actor, String ticketId) {
    InputValidator.checkId("id", ticketId);
    TicketRecord t = visible(actor, ticketId, Operation.VIEW_HISTORY);
    require(actor, Operation.VIEW_HISTORY, t);
    return store.history(t.id());
  }

  // ------------------------------------------------------------------ helpers

  private TicketQuery query(Actor actor, TicketFilter filter, @Nullable Keyset after, int limit) {
    if (filter.includeDeleted() && !policy.permits(actor, Operation.VIEW_DELETED)) {
      throw denied(actor, Operation.VIEW_DELETED, "includeDeleted");
    }
    VisibilityScope scope = policy.visibleScope(actor);
    return new TicketQuery(scope, filter, commentSearch(actor), SortOrder.NEWEST_FIRST, after, limit);
  }

  /** Which comment text a search may match for this actor: never more than it may read. */
  private CommentSearch commentSearch(Actor actor) {
    if (!actor.isStaff()) {
      return CommentSearch.NONE;
    }
    // Internal text only when every visible ticket's notes are readable (the agent's or admin's case).
    VisibilityScope visible = policy.visibleScope(actor);
    VisibilityScope notes = policy.scope(actor, Operation.VIEW_INTERNAL_NOTES);
    boolean readsAllNotes = notes.equals(VisibilityScope.EVERYTHING) || notes.equals(visible);
    return readsAllNotes ? CommentSearch.ALL : CommentSearch.PUBLIC;
  }

  /**
   * Loads a ticket the actor may see, for {@code operation}; anything else is "not found". A ticket
   * that exists but that the policy hides from the actor is a refusal, logged as one.
   */
  private TicketRecord visible(Actor actor, @Nullable String ticketId, Operation operation) {
    InputValidator.checkId("ticketId", ticketId);
    TicketRecord t = store.findTicket(ticketId).orElse(null);
    if (t == null || t.deleted()) {
      throw new NotFoundException("ticket", ticketId);
    }
    if (!policy.permits(actor, Operation.VIEW_TICKET, t)) {
      throw hidden(actor, operation, "ticket", ticketId, "");
    }
    return t;
  }

  /** For restore and purge: deleted tickets exist for those who may list deleted tickets. */
  private TicketRecord deletedOrVisible(Actor actor, String ticketId, Operation operation) {
    TicketRecord t = store.findTicket(ticketId).orElse(null);
    if (t == null) {
      throw new NotFoundException("ticket", ticketId);
    }
    boolean seen = t.deleted()
        ? policy.permits(actor, Operation.VIEW_DELETED, t)
        : policy.permits(actor, Operation.VIEW_TICKET, t);
    if (!seen) {
      throw hidden(actor, operation, "ticket", ticketId, "");
    }
    if (!policy.permits(actor, operation, t)) {
      throw denied(actor, operation, "ticket " + ticketId);
    }
    return t;
  }

  private void require(Actor actor, Operation operation, TicketRecord t) {
    if (!policy.permits(actor, operation, t)) {
      throw denied(actor, operation, "ticket " + t.id() + " in " + t.status());
    }
  }

  private static AccessDeniedException denied(Actor actor, Operation operation, String what) {
    // One structured line per refusal; never content, only ids.
    log.info("ticketing access denied: actor={} role={} operation={} target={}", actor.id(), actor.role(), operation, what);
    return new AccessDeniedException(operation, what);
  }

  /**
   * A refusal answered as "not found" (the object exists, but not for this actor): logged like any
   * other refusal, so that probing across tenants shows in the log, and reported as not found.
   */
  private static NotFoundException hidden(Actor actor, Operation operation, String kind, String id, String where) {
    logHidden(actor, operation, kind, id, where);
    return new NotFoundException(kind, id);
  }

  private static void logHidden(Actor actor, Operation operation, String kind, String id, String where) {
    log.info("ticketing access denied: actor={} role={} operation={} target={} {}{} (answered not found)", actor.id(),
        actor.role(), operation, kind, id, where.isEmpty() ? "" : " " + where);
  }

  private static Operation commentOperation(boolean internal) {
    return internal ? Operation.ADD_INTERNAL_NOTE : Operation.COMMENT;
  }

  private static void requireOpenForComments(TicketRecord t) {
    if (t.status() == Status.CLOSED || t.status() == Status.CANCELLED) {
      throw new InvalidStateException(t.status(), "ticket " + t.id() + " is " + t.status() + "; reopen it first");
    }
  }

  /** Sets the status and the timestamps that go with entering it. */
  private static TicketRecord.Builder enter(TicketRecord t, Status target, Instant now) {
    StatusTimestamps times = new StatusTimestamps(t.resolvedAt(), t.closedAt()).enter(target, now);
    return t.edit().status(target).resolvedAt(times.resolvedAt()).closedAt(times.closedAt());
  }

  /** The reply automations (TicketingOptions): a customer's public reply resumes work or reopens. */
  private TicketRecord applyReplyAutomation(Actor actor, TicketRecord t, CommentRecord c, Instant now) {
    Status target = replies.onReply(t.status(), actor.isStaff(), c.internal());
    return target == null ? t : move(actor, t, target, now);
  }

  /**
   * Moves a ticket to a status already checked against policy and state machine: the status with its
   * timestamps, the audit entry under the status's named action, the notifications it routes.
   */
  private TicketRecord move(Actor actor, TicketRecord t, Status target, Instant now) {
    TicketRecord stored = store.updateTicket(enter(t, target, now).updatedAt(now).build());
    audit(stored, AuditAction.forStatus(target), actor, now, List.of(change("status", t.status(), target)));
    enqueue(router.statusChanged(stored, actor, now));
    return stored;
  }

  /**
   * The catalog's subject for a requested category (null: {@link Category#GENERAL}), or a violation
   * of {@code category} added to {@code problems}. New tickets need an active subject; the caller of
   * an update decides about inactive ones.
   */
  private @Nullable Subject subjectFor(@Nullable Category requested, List<Violation> problems, boolean activeOnly) {
    Category category = requested != null ? requested : Category.GENERAL;
    Subject subject = subjects.subjects(List.of(category.name())).get(category.name());
    if (subject == null) {
      problems.add(new Violation("category", requested == null ? "is required" : UNKNOWN_SUBJECT));
      return null;
    }
    if (activeOnly && !subject.active()) {
      problems.add(new Violation("category", INACTIVE_SUBJECT));
      return null;
    }
    return subject;
  }

  private TicketView viewOf(Actor actor, TicketRecord t) {
    Activity activity = store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE);
    return views.ticket(actor, t, activity);
  }

  /** A written ticket with its activity, read in the write's own unit of work. */
  private record Snapshot(TicketRecord ticket, Activity activity) {
    String ticketId() {
      return ticket.id();
    }
  }

  /**
   * The ticket with its activity, read inside the unit of work: what the caller sees of its write
   * is then made after commit from the directory alone, which cannot fail it.
   */
  private Snapshot snapshot(TicketRecord t) {
    return new Snapshot(t, store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE));
  }

  /**
   * A write with an optional idempotency key. Without one: the unit of work, then {@code present}
   * after commit. With one: a repeat of a recorded key answers with {@code replay} of the first
   * result and writes nothing; otherwise the key is recorded with {@code encode} of the result in
   * the same unit of work. When the unit fails and a concurrent first use of the key has committed
   * meanwhile (the unique constraint refused this one, or its change made this one invalid), the
   * answer is that first result.
   */
  private <T, R> R keyedWrite(IdempotencyKeys.@Nullable Key key, Supplier<T> work, Function<T, String> encode,
      Function<T, R> present, Function<String, R> replay) {
    if (key == null) {
      return present.apply(write(work));
    }
    String first = keys.firstResult(key);
    if (first != null) {
      return replay.apply(first);
    }
    T result;
    try {
      result = write(() -> {
        T r = work.get();
        keys.save(key, encode.apply(r));
        return r;
      });
    } catch (TicketingException e) {
      String concurrent;
      try {
        concurrent = keys.firstResult(key);
      } catch (RuntimeException lookup) {
        e.addSuppressed(lookup);
        throw e;
      }
      if (concurrent == null) {
        throw e;
      }
      return replay.apply(concurrent);
    }
    return present.apply(result);
  }

  /** The ticket a recorded key names, as the actor sees it now. */
  private TicketView replayTicket(Actor actor, String ticketId) {
    TicketRecord t = store.findTicket(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    if (!policy.permits(actor, Operation.VIEW_TICKET, t)) {
      throw hidden(actor, Operation.VIEW_TICKET, "ticket", ticketId, "(idempotent repeat)");
    }
    return viewOf(actor, t);
  }

  /** The comment a recorded key names, if the actor may still read it. */
  private CommentView replayComment(Actor actor, String commentId) {
    CommentRecord c = store.findComment(commentId).orElseThrow(() -> new NotFoundException("comment", commentId));
    TicketRecord t = store.findTicket(c.ticketId()).orElseThrow(() -> new NotFoundException("comment", commentId));
    if (!policy.permits(actor, Operation.VIEW_TICKET, t)
        || (c.internal() && !policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t))) {
      throw hidden(actor, Operation.VIEW_TICKET, "comment", commentId, "(idempotent repeat)");
    }
    return views.comment(c, List.of());
  }

  /** The attachment a recorded key names ({@code "ticketId attachmentId"}), if the actor may still see it. */
  private AttachmentView replayAttachment(Actor actor, String recorded) {
    int space = recorded.indexOf(' ');
    String ticketId = recorded.substring(0, space);
    String attachmentId = recorded.substring(space + 1);
    TicketRecord t = store.findTicket(ticketId).orElseThrow(() -> new NotFoundException("attachment", attachmentId));
    boolean internal = policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t);
    AttachmentRecord a = policy.permits(actor, Operation.VIEW_TICKET, t)
        ? store.attachments(ticketId, internal).stream().filter(x -> x.id().equals(attachmentId)).findFirst().orElse(null)
        : null;
    if (a == null) {
      throw hidden(actor, Operation.VIEW_TICKET, "attachment", attachmentId, "(idempotent repeat)");
    }
    return views.attachment(a);
  }

  /**
   * The upload a recorded key names: a new URL for the same object key, valid for what is left of
   * the issued lifetime, while the upload is still open (not confirmed, not expired).
   */
  private UploadUrl replayUpload(Actor actor, String objectKey) {
    UploadGrant grant = store.findUploadGrant(objectKey).orElse(null);
    Instant now = now();
    if (grant == null || !grant.issuedTo().equals(actor.id()) || !grant.expiresAt().isAfter(now.plusSeconds(1))) {
      throw new AttachmentException("the upload issued for this idempotency key was confirmed or has expired");
    }
    java.time.Duration left = java.time.Duration.between(now, grant.expiresAt());
    PresignedUpload upload = blobs.presignUpload(grant.stagingKey(), grant.contentType(), grant.fileSize(), left);
    return new UploadUrl(upload.url(), objectKey, left.toSeconds(), options.maxFileSize(), upload.requiredHeaders());
  }

  private <T> T write(Supplier<T> work) {
    T result = store.inTransaction(work);
    try {
      afterCommit.run();
    } catch (RuntimeException e) {
      log.warn("after-commit hook failed; notifications stay in the outbox", e);
    }
    return result;
  }

  /**
   * Repeats a unit of work that lost an optimistic-locking race. Used where the caller's intent
   * does not depend on the ticket's version (comments, bulk resolve): a concurrent status change
   * must not make a reply fail.
   */
  private static <T> T retryOnConflict(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (ConcurrentModificationException e) {
        if (attempt >= COMMENT_ATTEMPTS) {
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  /** A short, jittered pause so that writers who collided do not collide again in step. */
  private static void backOff(int attempt) {
    long maxMillis = 5L << Math.min(attempt, 5);
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.ticketing.StoreUnavailableException("interrupted while retrying", e);
    }
  }

  private void audit(TicketRecord t, AuditAction action, Actor actor, Instant at, List<FieldChange> changes) {
    store.appendAudit(new AuditEntry(ids.newId(), t.id(), action, actor.id(), actor.role(), at, changes));
  }

  private void enqueue(List<NotificationRequest> requests) {
    if (!requests.isEmpty()) {
      store.enqueue(requests);
    }
  }

  private static FieldChange change(String field, @Nullable Object oldValue, @Nullable Object newValue) {
    return new FieldChange(field, oldValue == null ? null : oldValue.toString(), newValue == null ? null : newValue.toString());
  }

  /** Microsecond precision: what SQL timestamps keep, so stored and returned values agree. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String strip(@Nullable String s) {
    return Objects.requireNonNull(s).strip();
  }

  private static String normaliseContentType(@Nullable String contentType) {
    String type = Objects.requireNonNull(contentType);
    int semicolon = type.indexOf(';');
    return (semicolon >= 0 ? type.substring(0, semicolon) : type).strip().toLowerCase(Locale.ROOT);
  }

  private String randomSegment() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
