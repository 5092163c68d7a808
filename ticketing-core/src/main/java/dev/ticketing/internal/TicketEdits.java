package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.Category;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryUnavailableException;
import dev.ticketing.FieldChange;
import dev.ticketing.FieldValue;
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
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
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
 * (soft delete, restore and purge are {@link TicketRemovals}). Each method past the input checks runs inside the caller's unit of work and
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
  private final People people;
  private final TagEdits tags;
  private final FieldRules fields;
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
      NotificationRouter router,
      People people,
      TagEdits tags,
      FieldRules fields) {
    this.fields = fields;
    this.store = store;
    this.directory = directory;
    this.subjects = subjects;
    this.options = options;
    this.ids = ids;
    this.access = access;
    this.changes = changes;
    this.effects = effects;
    this.router = router;
    this.people = people;
    this.tags = tags;
  }

  /** A new ticket, checked before its unit of work: what it will be created as. */
  record Draft(
      String companyId,
      String title,
      Category category,
      String requesterId,
      List<String> tags,
      List<String> ccIds,
      Map<String, FieldValue> fields) {}

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
    List<String> startTags =
        input == null ? List.of() : tags.normalised("tags", input.tags(), true, problems);
    List<String> ccIds = input == null ? List.of() : People.ids("ccIds", input.ccIds(), problems);
    Map<String, FieldValue> values =
        input == null || subject == null
            ? Map.of()
            : fields.forNewTicket(actor, subject.category().name(), input.fields(), problems);
    InputValidator.throwIfAny(problems);
    String companyId = input.companyId() != null ? input.companyId() : actor.companyId();
    if (companyId == null) {
      throw ValidationException.of("companyId", "is required when staff create a ticket");
    }
    Category category = Objects.requireNonNull(subject).category();
    access.requireCreate(actor, companyId);
    boolean onBehalf = input.requesterId() != null && !input.requesterId().equals(actor.id());
    if (onBehalf) {
      access.requireCreateOnBehalf(actor, companyId);
    }
    // Only after the permission checks: a refused caller must not learn which companies exist.
    requireKnownCompany(companyId, companyId.equals(actor.companyId()));
    String requesterId = people.requester(actor, input.requesterId(), companyId);
    people.requireCustomers("ccIds", ccIds, companyId, problems);
    InputValidator.throwIfAny(problems);
    String title =
        input.title() != null
            ? strip(input.title())
            : DerivedTitles.derive(options.titles(), subject, strip(input.description()));
    return new Draft(companyId, title, category, requesterId, startTags, ccIds, values);
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
            0,
            draft.requesterId(),
            draft.tags(),
            List.of(),
            draft.ccIds(),
            draft.fields());
    if (!ticket.fields().isEmpty()) {
      access.require(actor, Operation.SET_FIELDS, ticket);
    }
    if (!ticket.tags().isEmpty()) {
      access.require(actor, Operation.TAG_TICKET, ticket);
    }
    if (!ticket.ccIds().isEmpty()) {
      access.require(actor, Operation.MANAGE_CCS, ticket);
    }
    store.insertTicket(ticket);
    changes.record(
        null,
        ticket,
        AuditAction.CREATED,
        actor,
        now,
        FieldRules.withCreated(
            ticket.fields(),
            List.of(
                change("title", null, ticket.title()),
                change("status", null, ticket.status()),
                change("priority", null, ticket.priority()),
                change("category", null, ticket.category()),
                change("companyId", null, ticket.companyId()),
                change("requesterId", null, ticket.requesterId()),
                change(
                    "tags", null, ticket.tags().isEmpty() ? null : String.join(" ", ticket.tags())),
                change(
                    "ccs",
                    null,
                    ticket.ccIds().isEmpty() ? null : String.join(" ", ticket.ccIds())))));
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
    TicketRecord t = access.permittedToChange(actor, input.id(), Operation.UPDATE_TICKET);
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
    TicketRecord t = access.permittedToChange(actor, input.ticketId(), Operation.ASSIGN_TICKET);
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

  /** A status change the caller asked for: checked against policy and the state machine, then moved. */
  TicketSnapshot changeStatus(Actor actor, String ticketId, Status target) {
    TicketRecord t = access.visibleToChange(actor, ticketId, Operation.CHANGE_STATUS);
    access.requireStatusChange(actor, t, target);
    effects.check(t, target);
    return snapshot(effects.move(actor, t, target, changes.now()));
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
