package dev.ticketing.internal;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AttachmentView;
import dev.ticketing.AuditEntry;
import dev.ticketing.Category;
import dev.ticketing.ChangeParticipants;
import dev.ticketing.ChangeStatus;
import dev.ticketing.ChangeTags;
import dev.ticketing.CommentView;
import dev.ticketing.ConfirmAttachment;
import dev.ticketing.CreateTicket;
import dev.ticketing.DirectoryFailures;
import dev.ticketing.ExternalNote;
import dev.ticketing.PageRequest;
import dev.ticketing.RequestUpload;
import dev.ticketing.ResolveOutcome;
import dev.ticketing.SetFieldValues;
import dev.ticketing.Status;
import dev.ticketing.TagCount;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketService;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.UpdateTicket;
import dev.ticketing.UploadUrl;
import dev.ticketing.memory.InMemorySubjectCatalog;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.BlobStore;
import dev.ticketing.spi.Directory;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.SubjectCatalog;
import dev.ticketing.spi.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link TicketService}, one facade over collaborators by capability. Every write
 * follows the same path: validate the input, then in one {@link UnitOfWork} load the ticket, check
 * visibility (not found) and permission (access denied) through {@link Access}, apply the change
 * ({@link TicketEdits}, {@link CommentWriter}, {@link AttachmentFlow}, {@link BulkResolve}, with the
 * status side effects of {@link StatusEffects}), record its audit entry and notifications in the
 * {@link ChangeLog}; after commit, wake the dispatcher. Reads go through {@link TicketReads}.
 *
 * <p>A new capability (SLA clocks, automation rules, custom fields) hooks into every change as a
 * {@link ChangeListener}, not as another branch here.
 *
 * <p>Long because it is the facade of every {@link TicketService} method, each a few lines handing
 * the call to the collaborator that owns it, plus the wiring of those collaborators.
 */
public final class DefaultTicketService implements TicketService {

  /**
   * How long one confirmation holds its upload grant: its copy must be done well within it. The
   * sweeper leaves expired grants alone for as long, so a claim taken just before expiry can finish.
   */
  public static final Duration CONFIRMATION_LEASE = Duration.ofMinutes(5);

  private final SubjectCatalog subjects;
  private final InputValidator validator = new InputValidator();
  private final IdempotencyKeys keys;
  private final UnitOfWork unit;
  private final ViewAssembler views;
  private final TicketEdits edits;
  private final TicketRemovals removals;
  private final TagEdits tags;
  private final ParticipantEdits participants;
  private final CommentWriter comments;
  private final AttachmentFlow attachments;
  private final BulkResolve bulk;
  private final TicketReads reads;
  private final WriteShapes writes;
  private final FieldEdits fieldEdits;
  private final DefaultCustomFieldService customFields;
  private final ChosenAssignment chosen;
  private final EngineHandle handle;

  public DefaultTicketService(
      TicketStore store,
      BlobStore blobs,
      Directory directory,
      PermissionPolicy policy,
      TicketingOptions options,
      Clock clock,
      IdGenerator ids,
      Runnable afterCommit) {
    this(
        new EngineParts(
            store,
            blobs,
            directory,
            InMemorySubjectCatalog.ofCategories(options.categories()),
            policy,
            options,
            clock,
            ids,
            afterCommit,
            new DirectoryFailures()));
  }

  /** Over {@code parts}, with no capability beside the tickets ({@link Extension} adds them). */
  public DefaultTicketService(EngineParts parts) {
    this(parts, List.of(), Enclosure.NONE);
  }

  /**
   * With listeners told of every change inside its unit of work, which runs inside {@code
   * enclosure}'s ({@link Extension#service} plugs capabilities in this way).
   */
  DefaultTicketService(EngineParts parts, List<ChangeListener> listeners, Enclosure enclosure) {
    this(parts, listeners, enclosure, NotificationExtras.NONE, null);
  }

  /**
   * With variables added to the notifications it routes, and {@code settle} run at the end of
   * every unit of work, before it commits, writes of one ticket then answered with the ticket as
   * it left it ({@link Extension#service} plugs capabilities in this way).
   */
  DefaultTicketService(
      EngineParts parts,
      List<ChangeListener> listeners,
      Enclosure enclosure,
      NotificationExtras extras,
      @Nullable Runnable settle) {
    TicketStore store = parts.store();
    BlobStore blobs = parts.blobs();
    Directory directory = parts.directory();
    PermissionPolicy policy = parts.policy();
    TicketingOptions options = parts.options();
    Clock clock = parts.clock();
    IdGenerator ids = parts.ids();
    Runnable afterCommit = parts.afterCommit();
    this.subjects = parts.subjects();
    NotificationRouter router = new NotificationRouter(options, ids, extras);
    Access access = new Access(store, policy, clock);
    ChangeLog changes = new ChangeLog(store, ids, clock, listeners);
    StatusEffects effects = new StatusEffects(store, changes, router, options);
    FieldRules fieldRules = new FieldRules(parts.fieldDefinitions());
    this.views =
        new ViewAssembler(
            directory, subjects, blobs, policy, options, parts.failures(), fieldRules);
    this.keys = new IdempotencyKeys(store, clock, options.idempotencyKeyRetention());
    this.unit = new UnitOfWork(store, keys, afterCommit, enclosure, settle);
    People people = new People(directory);
    this.tags = new TagEdits(store, options.tagRules(), access, changes);
    this.participants = new ParticipantEdits(store, options, access, people, changes, router);
    this.edits =
        new TicketEdits(
            store,
            directory,
            subjects,
            options,
            ids,
            access,
            changes,
            effects,
            router,
            people,
            tags,
            fieldRules);
    this.removals = new TicketRemovals(store, access, changes, edits);
    this.comments = new CommentWriter(store, ids, access, changes, effects, router);
    this.attachments =
        new AttachmentFlow(store, blobs, options, clock, ids, access, unit, changes, views);
    this.bulk = new BulkResolve(access, unit, changes, effects);
    this.reads = new TicketReads(store, options, access, views, tags, fieldRules);
    this.fieldEdits = new FieldEdits(store, fieldRules, access, changes);
    this.handle =
        new EngineHandle(
            store, edits, tags, comments, fieldEdits, access, views, unit, changes, parts, settle);
    this.writes = new WriteShapes(unit, views, reads, settle == null ? null : handle::settled);
    this.customFields =
        new DefaultCustomFieldService(fieldRules, access, subjects, clock, this::setFieldValues);
    this.chosen = new ChosenAssignment(unit, access, edits, views);
  }

  /**
   * The editing parts capabilities beside the tickets act through (automation rules, macros,
   * ratings).
   */
  EngineHandle handle() {
    return handle;
  }

  /** Custom field definitions and values, over this service's units of work. */
  public DefaultCustomFieldService customFields() {
    return customFields;
  }

  private TicketView setFieldValues(Actor actor, SetFieldValues input) {
    validator.check("input", input);
    fieldEdits.check(input);
    return writes.retried(
        actor,
        IdempotencyKeys.of(actor, "setFieldValues", input),
        () -> fieldEdits.apply(actor, input));
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
    TicketEdits.Draft draft = edits.draft(actor, input);
    return writes.ticket(
        actor,
        IdempotencyKeys.of(actor, "createTicket", input),
        () -> edits.create(actor, input, draft));
  }

  @Override
  public TicketView updateTicket(Actor actor, UpdateTicket input) {
    Subject subject = edits.updatedSubject(input);
    return writes.ticket(
        actor,
        IdempotencyKeys.of(actor, "updateTicket", input),
        () -> edits.update(actor, input, subject));
  }

  @Override
  public TicketView changeStatus(Actor actor, ChangeStatus input) {
    validator.check("input", input);
    Status target = Objects.requireNonNull(input.status());
    String ticketId = Objects.requireNonNull(input.ticketId());
    return writes.ticket(
        actor,
        IdempotencyKeys.of(actor, "changeStatus", input),
        () -> edits.changeStatus(actor, ticketId, target));
  }

  @Override
  public TicketView assignTicket(Actor actor, AssignTicket input) {
    validator.check("input", input);
    return writes.ticket(
        actor, IdempotencyKeys.of(actor, "assignTicket", input), () -> edits.assign(actor, input));
  }

  /**
   * Assigns an unassigned ticket to whom {@code chooser} picks, in one unit of work with the pick
   * ({@link ChosenAssignment}).
   *
   * @since 0.2.0
   */
  public ChosenAssignment.Chosen assignChosen(
      Actor actor,
      String ticketId,
      dev.ticketing.policy.Operation operation,
      java.util.function.Function<dev.ticketing.spi.TicketRecord, @Nullable String> chooser) {
    return chosen.assign(actor, ticketId, operation, chooser);
  }

  @Override
  public TicketView changeTags(Actor actor, ChangeTags input) {
    validator.check("input", input);
    TagEdits.Change change = tags.check(input);
    return writes.retried(
        actor, IdempotencyKeys.of(actor, "changeTags", input), () -> tags.apply(actor, change));
  }

  @Override
  public TicketView changeParticipants(Actor actor, ChangeParticipants input) {
    validator.check("input", input);
    ParticipantEdits.Change change = participants.check(actor, input);
    return writes.retried(
        actor,
        IdempotencyKeys.of(actor, "changeParticipants", input),
        () -> participants.apply(actor, change));
  }

  @Override
  public CommentView addComment(Actor actor, AddComment input) {
    validator.check("input", input);
    return writes.comment(
        actor, IdempotencyKeys.of(actor, "addComment", input), () -> comments.add(actor, input));
  }

  @Override
  public CommentView recordExternalNote(Actor actor, ExternalNote note) {
    validator.check("note", note);
    return writes.comment(
        actor,
        IdempotencyKeys.of(actor, "recordExternalNote", note),
        () -> comments.recordExternal(actor, note));
  }

  @Override
  public UploadUrl requestUpload(Actor actor, RequestUpload input) {
    return attachments.requestUpload(actor, input);
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
    return attachments.confirm(actor, input);
  }

  @Override
  public TicketView deleteTicket(Actor actor, String ticketId, @Nullable String idempotencyKey) {
    InputValidator.checkId("id", ticketId);
    return writes.ticket(
        actor,
        IdempotencyKeys.of(actor, idempotencyKey, "deleteTicket", ticketId),
        () -> removals.delete(actor, ticketId));
  }

  @Override
  public TicketView restoreTicket(Actor actor, String ticketId, @Nullable String idempotencyKey) {
    InputValidator.checkId("id", ticketId);
    return writes.ticket(
        actor,
        IdempotencyKeys.of(actor, idempotencyKey, "restoreTicket", ticketId),
        () -> removals.restore(actor, ticketId));
  }

  @Override
  public void purgeTicket(Actor actor, String ticketId, @Nullable String idempotencyKey) {
    InputValidator.checkId("id", ticketId);
    IdempotencyKeys.Key key = IdempotencyKeys.of(actor, idempotencyKey, "purgeTicket", ticketId);
    // A repeat answers with no object keys: the first call deleted the files (or said it could
    // not).
    List<String> objectKeys =
        unit.keyed(
            key,
            () -> removals.purge(actor, ticketId),
            purged -> "",
            purged -> purged,
            first -> List.<String>of());
    attachments.deletePurged(ticketId, objectKeys);
  }

  @Override
  public Map<String, ResolveOutcome> resolveTickets(
      Actor actor, List<String> ticketIds, @Nullable String idempotencyKey) {
    return bulk.resolve(actor, ticketIds, idempotencyKey);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Set<Category> categories() {
    Set<Category> active = new LinkedHashSet<>();
    for (Subject s : subjects()) {
      active.add(s.category());
    }
    return Collections.unmodifiableSet(active);
  }

  @Override
  public List<Subject> subjects() {
    return subjects.all().stream().filter(Subject::active).toList();
  }

  @Override
  public TicketDetails ticket(Actor actor, String ticketId) {
    return reads.ticket(actor, ticketId);
  }

  @Override
  public Map<String, TicketDetails> ticketDetails(Actor actor, Collection<String> ticketIds) {
    return reads.details(actor, ticketIds);
  }

  @Override
  public List<TicketView> myTickets(Actor actor) {
    return reads.list(actor, TicketFilter.builder().requesterId(actor.id()).build());
  }

  @Override
  public List<TicketView> myAssignedTickets(Actor actor) {
    return reads.list(actor, TicketFilter.builder().assignedToId(actor.id()).build());
  }

  @Override
  public List<TicketView> ticketsByCompany(Actor actor, String companyId) {
    InputValidator.checkId("companyId", companyId);
    return reads.list(actor, TicketFilter.builder().companyId(companyId).build());
  }

  @Override
  public List<TicketView> tickets(Actor actor, TicketFilter filter) {
    reads.requireListAll(actor);
    return reads.list(actor, filter);
  }

  @Override
  public TicketPage ticketsPaginated(Actor actor, PageRequest page, TicketFilter filter) {
    return reads.page(actor, page, filter);
  }

  @Override
  public TicketStats ticketStats(Actor actor, @Nullable String companyId) {
    return reads.stats(actor, companyId);
  }

  @Override
  public List<TagCount> tagStats(Actor actor, @Nullable String companyId, int limit) {
    return reads.tagStats(actor, companyId, limit);
  }

  @Override
  public List<AuditEntry> history(Actor actor, String ticketId) {
    return reads.history(actor, ticketId);
  }
}
