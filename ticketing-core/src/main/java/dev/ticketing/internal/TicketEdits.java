package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryUnavailableException;
import dev.ticketing.FieldChange;
import dev.ticketing.InvalidStateException;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.TicketingOptions;
import dev.ticketing.TitleRule;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.CompanyInfo;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import dev.ticketing.spi.UserInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes to a ticket itself: creating it, editing its fields, moving its status, assigning it,
 * soft-deleting, restoring and purging it. Each method past the input checks runs inside the caller's unit of work and
 * returns the ticket as written, with its activity.
 */
final class TicketEdits {

  // The engine logs under one name, which hosts filter on.
  private static final Logger log = LoggerFactory.getLogger(DefaultTicketService.class);

  /** What a missing title is told where titles are required: the message of {@code @Text(max = 200)}. */
  private static final String TITLE_REQUIRED =
      "must be 1 to 200 characters after trimming, without control characters";

  private static final String UNKNOWN_SUBJECT = "is not a known subject";
  private static final String INACTIVE_SUBJECT = "is not an active subject";

  private final TicketStore store;
  private final Directory directory;
  private final SubjectCatalog subjects;
  private final TicketingOptions options;
  private final IdGenerator ids;
  private final Access access;
  private final ChangeLog changes;
  private final StatusEffects effects;
  private final NotificationRouter router;
  private final InputValidator validator = new InputValidator();

  TicketEdits(
      TicketStore store,
      Directory directory,
      SubjectCatalog subjects,
      TicketingOptions options,
      IdGenerator ids,
      Access access,
      ChangeLog changes,
      StatusEffects effects,
      NotificationRouter router) {
    this.store = store;
    this.directory = directory;
    this.subjects = subjects;
    this.options = options;
    this.ids = ids;
    this.access = access;
    this.changes = changes;
    this.effects = effects;
    this.router = router;
  }

  /** A new ticket, checked before its unit of work: what it will be created as. */
  record Draft(String companyId, String title, Category category) {}

  /**
   * Checks a new ticket outside any unit of work: its input, the actor's right to create it for the
   * company, the company itself. Throws what the caller is told.
   */
  Draft draft(Actor actor, CreateTicket input) {
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
    access.requireCreate(actor, companyId);
    // Only after the permission check: a refused caller must not learn which companies exist.
    requireKnownCompany(companyId, companyId.equals(actor.companyId()));
    String title =
        input.title() != null
            ? strip(input.title())
            : DerivedTitles.derive(options.titles(), subject, strip(input.description()));
    return new Draft(companyId, title, category);
  }

  TicketSnapshot create(Actor actor, CreateTicket input, Draft draft) {
    Instant now = changes.now();
    TicketRecord ticket =
        new TicketRecord(
            ids.newId(),
            draft.companyId(),
            actor.id(),
            draft.title(),
            strip(input.description()),
            Status.OPEN,
            input.priority() != null ? input.priority() : Priority.MEDIUM,
            draft.category(),
            null,
            now,
            now,
            null,
            null,
            null,
            null,
            null,
            0);
    store.insertTicket(ticket);
    changes.record(
        null,
        ticket,
        AuditAction.CREATED,
        actor,
        now,
        List.of(
            change("title", null, ticket.title()),
            change("status", null, ticket.status()),
            change("priority", null, ticket.priority()),
            change("category", null, ticket.category()),
            change("companyId", null, ticket.companyId())));
    changes.enqueue(router.created(ticket, actor));
    return new TicketSnapshot(ticket, Activity.NONE);
  }

  /** The subject an update moves to, checked before its unit of work; null when it keeps its own. */
  @Nullable Subject updatedSubject(@Nullable UpdateTicket input) {
    List<Violation> problems = new ArrayList<>(validator.violations("input", input));
    Subject subject =
        input == null || input.category() == null
            ? null
            : subjectFor(input.category(), problems, false);
    InputValidator.throwIfAny(problems);
    return subject;
  }

  TicketSnapshot update(Actor actor, UpdateTicket input, @Nullable Subject subject) {
    TicketRecord t = access.permitted(actor, input.id(), Operation.UPDATE_TICKET);
    if (subject != null && !subject.active() && !subject.category().equals(t.category())) {
      // A ticket may keep a subject that was retired since, but none may move to it.
      throw ValidationException.of("category", INACTIVE_SUBJECT);
    }
    List<FieldChange> fields = new ArrayList<>();
    TicketRecord.Builder b = t.edit();
    String title = input.title() == null ? null : strip(input.title());
    if (title != null && !title.equals(t.title())) {
      fields.add(change("title", t.title(), title));
      b.title(title);
    }
    String description = input.description() == null ? null : strip(input.description());
    if (description != null && !description.equals(t.description())) {
      fields.add(change("description", t.description(), description));
      b.description(description);
    }
    if (input.priority() != null && input.priority() != t.priority()) {
      fields.add(change("priority", t.priority(), input.priority()));
      b.priority(input.priority());
    }
    if (input.category() != null && !input.category().equals(t.category())) {
      fields.add(change("category", t.category(), input.category()));
      b.category(input.category());
    }
    if (fields.isEmpty()) {
      return snapshot(t); // nothing to change: no new version, no audit entry
    }
    Instant now = changes.now();
    TicketRecord stored = store.updateTicket(b.updatedAt(now).build());
    changes.record(t, stored, AuditAction.UPDATED, actor, now, fields);
    return snapshot(stored);
  }

  TicketSnapshot assign(Actor actor, AssignTicket input) {
    String assigneeId = input.assignedToId();
    TicketRecord t = access.permitted(actor, input.ticketId(), Operation.ASSIGN_TICKET);
    // Only after the permission check: a refused caller must not learn who is staff.
    if (assigneeId != null) {
      UserInfo assignee = staffCheck(assigneeId);
      if (assignee == null || !assignee.role().isStaff()) {
        throw ValidationException.of("assignedToId", "must be a staff member");
      }
    }
    if (Objects.equals(t.assigneeId(), assigneeId)) {
      return snapshot(t);
    }
    Instant now = changes.now();
    List<FieldChange> fields = new ArrayList<>();
    fields.add(change("assignedTo", t.assigneeId(), assigneeId));
    TicketRecord.Builder b = t.edit().assigneeId(assigneeId).updatedAt(now);
    Status started = assigneeId == null ? null : effects.onAssignment(t);
    if (started != null) {
      fields.add(change("status", t.status(), started));
      b.status(started);
    }
    TicketRecord stored = store.updateTicket(b.build());
    changes.record(
        t,
        stored,
        assigneeId == null ? AuditAction.TICKET_UNASSIGNED : AuditAction.TICKET_ASSIGNED,
        actor,
        now,
        fields);
    if (assigneeId != null) {
      changes.enqueue(router.assigned(stored, actor, now));
    }
    return snapshot(stored);
  }

  TicketSnapshot delete(Actor actor, String ticketId) {
    TicketRecord t = access.permitted(actor, ticketId, Operation.DELETE_TICKET);
    Instant now = changes.now();
    TicketRecord stored =
        store.updateTicket(
            t.edit()
                .status(Status.CANCELLED)
                .statusBeforeDelete(t.status())
                .deletedAt(now)
                .deletedBy(actor.id())
                .updatedAt(now)
                .build());
    changes.record(
        t,
        stored,
        AuditAction.DELETED,
        actor,
        now,
        List.of(change("status", t.status(), Status.CANCELLED)));
    return snapshot(stored);
  }

  TicketSnapshot restore(Actor actor, String ticketId) {
    TicketRecord t = access.deletedOrVisible(actor, ticketId, Operation.RESTORE_TICKET);
    if (!t.deleted()) {
      throw new InvalidStateException(t.status(), "ticket " + t.id() + " is not deleted");
    }
    Status previous = t.statusBeforeDelete() != null ? t.statusBeforeDelete() : Status.CANCELLED;
    Instant now = changes.now();
    TicketRecord stored =
        store.updateTicket(
            t.edit()
                .status(previous)
                .statusBeforeDelete(null)
                .deletedAt(null)
                .deletedBy(null)
                .updatedAt(now)
                .build());
    changes.record(
        t,
        stored,
        AuditAction.RESTORED,
        actor,
        now,
        List.of(change("status", t.status(), previous)));
    return snapshot(stored);
  }

  /** A status change the caller asked for: checked against policy and the state machine, then moved. */
  TicketSnapshot changeStatus(Actor actor, String ticketId, Status target) {
    TicketRecord t = access.visible(actor, ticketId, Operation.CHANGE_STATUS);
    access.requireStatusChange(actor, t, target);
    effects.check(t, target);
    return snapshot(effects.move(actor, t, target, changes.now()));
  }

  /**
   * Erases a ticket's records and schedules the deletion of its objects, in the same unit of work,
   * so that no object outlives the purge even when deleting them at once fails or the process stops
   * first: the sweeper deletes what is due. Returns the object keys to delete now.
   */
  List<String> purge(Actor actor, String ticketId) {
    TicketRecord t = access.deletedOrVisible(actor, ticketId, Operation.PURGE_TICKET);
    PurgedTicket purged = store.purgeTicket(t.id());
    Instant now = changes.now();
    List<ObjectDeletion> deletions = new ArrayList<>();
    purged.attachmentKeys().forEach(k -> deletions.add(new ObjectDeletion(k, now)));
    for (UploadGrant g : purged.uploadGrants()) {
      // The grant is gone, so nothing can be confirmed under it any more; its URL may still write
      // the staged object until it expires: deleted now, and again then.
      deletions.add(new ObjectDeletion(g.objectKey(), now));
      deletions.add(
          new ObjectDeletion(g.stagingKey(), now.isAfter(g.expiresAt()) ? now : g.expiresAt()));
    }
    store.scheduleObjectDeletions(deletions);
    // The entry that survives the erasure: who erased which id, nothing of the content.
    changes.record(t, t, AuditAction.PURGED, actor, now, List.of());
    return deletions.stream().map(ObjectDeletion::objectKey).toList();
  }

  /** The ticket with its activity, read inside the unit of work. */
  TicketSnapshot snapshot(TicketRecord t) {
    return new TicketSnapshot(
        t, store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE));
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
        log.warn(
            "The directory failed; ticket created for the creator's own company {} unchecked",
            companyId,
            e);
        return;
      }
      throw new DirectoryUnavailableException(
          "the directory could not say whether the company exists; retry", e);
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
      throw new DirectoryUnavailableException(
          "the directory could not say whether the assignee is staff; retry", e);
    }
  }

  /**
   * The catalog's subject for a requested category (null: {@link Category#GENERAL}), or a violation
   * of {@code category} added to {@code problems}. New tickets need an active subject; the caller of
   * an update decides about inactive ones.
   */
  private @Nullable Subject subjectFor(
      @Nullable Category requested, List<Violation> problems, boolean activeOnly) {
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

  static String strip(@Nullable String s) {
    return Objects.requireNonNull(s).strip();
  }
}
