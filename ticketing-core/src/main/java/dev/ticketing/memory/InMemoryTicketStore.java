package dev.ticketing.memory;

import dev.ticketing.AuditEntry;
import dev.ticketing.ConflictException;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TicketStore} in memory: the embedded default for tests, examples and prototypes. Nothing
 * survives the JVM.
 *
 * <p><b>Units of work.</b> {@link #inTransaction} holds the write lock of a read-write lock for the
 * whole work, so units of work are serialisable; reads take the read lock and never see another
 * thread's uncommitted writes. Every write is recorded in an undo log and undone when the work
 * throws. A nested call joins the open unit of work; should the nested part throw, its own writes
 * are undone before the exception leaves it (like a savepoint), so a caller that catches it never
 * commits half a change. Writes outside a unit of work throw {@link IllegalStateException}.
 *
 * <p><b>Outbox.</b> {@link #outbox()} shares the same lock and undo log: a notification enqueued in
 * a unit of work that rolls back is never dispatched, and dispatchers on several threads never
 * claim the same entry at the same time.
 *
 * <p><b>Testing aids.</b> {@link #failNextWrite} and {@link #injectFailure} make a chosen write
 * throw {@link dev.ticketing.StoreUnavailableException}, to test that a failed unit of work leaves
 * nothing behind; {@link #outboxEntries()} and {@link #ticketCount()} expose state tests assert on.
 *
 * @since 0.1.0
 */
public final class InMemoryTicketStore implements TicketStore {

  /**
   * A ticket with what belongs to it. Immutable, so that a read returns a consistent snapshot and
   * undoing a write is putting the previous state back.
   *
   * @param comments sorted oldest first
   * @param attachments sorted oldest first
   * @param activity kept up to date on every insert, so that listings never count comments
   */
  private record TicketState(
      TicketRecord ticket,
      List<CommentRecord> comments,
      List<AttachmentRecord> attachments,
      Activity activity) {

    static TicketState of(TicketRecord ticket) {
      return new TicketState(ticket, List.of(), List.of(), Activity.NONE);
    }

    TicketState withTicket(TicketRecord changed) {
      return new TicketState(changed, comments, attachments, activity);
    }

    TicketState withComment(CommentRecord c) {
      Activity a = activity;
      boolean visible = !c.internal();
      Activity counted =
          new Activity(
              a.publicComments() + (visible ? 1 : 0),
              a.allComments() + 1,
              a.publicAttachments(),
              a.allAttachments(),
              visible ? latest(a.lastPublicCommentAt(), c.createdAt()) : a.lastPublicCommentAt(),
              latest(a.lastCommentAt(), c.createdAt()));
      return new TicketState(ticket, inserted(comments, c, COMMENT_ORDER), attachments, counted);
    }

    TicketState withAttachment(AttachmentRecord att) {
      Activity a = activity;
      Activity counted =
          new Activity(
              a.publicComments(),
              a.allComments(),
              a.publicAttachments() + (att.internal() ? 0 : 1),
              a.allAttachments() + 1,
              a.lastPublicCommentAt(),
              a.lastCommentAt());
      return new TicketState(
          ticket, comments, inserted(attachments, att, ATTACHMENT_ORDER), counted);
    }
  }

  private static final Comparator<Keyset> KEYSET_ORDER =
      Comparator.comparing(Keyset::createdAt).thenComparing(Keyset::id);

  private static final Comparator<CommentRecord> COMMENT_ORDER =
      Comparator.comparing(CommentRecord::createdAt).thenComparing(CommentRecord::id);

  private static final Comparator<AttachmentRecord> ATTACHMENT_ORDER =
      Comparator.comparing(AttachmentRecord::createdAt).thenComparing(AttachmentRecord::id);

  private final Transactions tx = new Transactions();

  private final Map<String, TicketState> tickets = new HashMap<>();

  /** Every ticket's (createdAt, id): listings walk it in order and start right after a keyset. */
  private final NavigableSet<Keyset> byCreation = new TreeSet<>(KEYSET_ORDER);

  private final Map<String, CommentRecord> commentsById = new HashMap<>();

  /** External note id to comment id. */
  private final Map<String, String> externalIds = new HashMap<>();

  private final Map<String, UploadGrant> grants = new HashMap<>();

  /** Object key of a grant to its current claim. */
  private final Map<String, Claim> claims = new HashMap<>();

  /** Object key to when it may be deleted. */
  private final Map<String, Instant> objectDeletions = new HashMap<>();

  private record Claim(String token, Instant until) {}

  private static final Comparator<UploadGrant> EXPIRY_ORDER =
      Comparator.comparing(UploadGrant::expiresAt).thenComparing(UploadGrant::objectKey);

  private static final Comparator<ObjectDeletion> DELETION_ORDER =
      Comparator.comparing(ObjectDeletion::notBefore).thenComparing(ObjectDeletion::objectKey);

  private final Map<String, List<AuditEntry>> audit = new HashMap<>();

  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(tx);

  private final Map<ActorKey, IdempotencyRecord> idempotencyKeys = new HashMap<>();

  /** An empty store. */
  public InMemoryTicketStore() {}

  // ---- testing aids

  /**
   * Testing aid: the next write named {@code operation} throws {@link
   * dev.ticketing.StoreUnavailableException} before changing anything, as if the database had gone
   * away. One-shot; a later call replaces an armed failure that has not fired yet.
   *
   * <p>Write names are the method names: {@code insertTicket}, {@code updateTicket}, {@code
   * purgeTicket}, {@code insertComment}, {@code insertAttachment}, {@code saveUploadGrant}, {@code
   * claimUploadGrant}, {@code releaseUploadGrant}, {@code deleteClaimedUploadGrant}, {@code
   * deleteUploadGrant}, {@code scheduleObjectDeletions}, {@code cancelObjectDeletions}, {@code
   * appendAudit}, {@code enqueue}, {@code saveIdempotencyKey}, {@code purgeIdempotencyKeys}, and of
   * the outbox {@code claimDue}, {@code markDelivered}, {@code markFailed}, {@code markResolved},
   * {@code redrive}, {@code redriveAll}, {@code purgeDelivered}.
   */
  public void failNextWrite(String operation) {
    injectFailure(operation::equals);
  }

  /**
   * Testing aid: the next write whose name {@code operation} accepts throws {@link
   * dev.ticketing.StoreUnavailableException} before changing anything. One-shot. See {@link
   * #failNextWrite} for the names.
   */
  public void injectFailure(Predicate<String> operation) {
    tx.injectFailure(operation);
  }

  /** Testing aid: every outbox entry in any state, in the order enqueued. */
  public List<OutboxEntry> outboxEntries() {
    return outbox.entries();
  }

  /** Testing aid: how many tickets are stored, soft-deleted ones included. */
  public int ticketCount() {
    return tx.read(tickets::size);
  }

  // ---- units of work

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return tx.inTransaction(work);
  }

  // ---- tickets

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when a ticket with this id exists
   * @throws IllegalArgumentException when the version is not 0
   */
  @Override
  public void insertTicket(TicketRecord ticket) {
    tx.beginWrite("insertTicket");
    if (tickets.containsKey(ticket.id())) {
      throw new IllegalStateException("ticket " + ticket.id() + " already exists");
    }
    if (ticket.version() != 0) {
      throw new IllegalArgumentException("a new ticket has version 0, not " + ticket.version());
    }
    tx.put(tickets, ticket.id(), TicketState.of(ticket));
    tx.add(byCreation, keyset(ticket));
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConflictException also when there is no such ticket (it was purged)
   */
  @Override
  public TicketRecord updateTicket(TicketRecord changed) {
    tx.beginWrite("updateTicket");
    TicketState state = tickets.get(changed.id());
    if (state == null || state.ticket().version() != changed.version()) {
      throw new ConflictException(changed.id());
    }
    TicketRecord stored = changed.edit().version(changed.version() + 1).build();
    tx.put(tickets, stored.id(), state.withTicket(stored));
    Keyset before = keyset(state.ticket());
    Keyset after = keyset(stored);
    if (!before.equals(after)) {
      tx.removeElement(byCreation, before);
      tx.add(byCreation, after);
    }
    return stored;
  }

  @Override
  public Optional<TicketRecord> findTicket(String id) {
    return tx.read(() -> Optional.ofNullable(tickets.get(id)).map(TicketState::ticket));
  }

  @Override
  public Map<String, TicketRecord> findTickets(Collection<String> ids) {
    return tx.read(
        () -> {
          Map<String, TicketRecord> found = new HashMap<>();
          for (String id : ids) {
            TicketState state = tickets.get(id);
            if (state != null) {
              found.put(id, state.ticket());
            }
          }
          return Map.copyOf(found);
        });
  }

  @Override
  public List<TicketRow> list(TicketQuery query) {
    if (query.limit() <= 0) {
      return List.of();
    }
    return tx.read(
        () -> {
          Keyset after = query.after();
          NavigableSet<Keyset> rest =
              query.order() == SortOrder.NEWEST_FIRST
                  ? (after == null ? byCreation : byCreation.headSet(after, false)).descendingSet()
                  : (after == null ? byCreation : byCreation.tailSet(after, false));
          Predicate<TicketState> matches = matcher(query);
          List<TicketRow> page = new ArrayList<>();
          for (Keyset key : rest) {
            // The creation index and the map change together under the write lock.
            TicketState state = Objects.requireNonNull(tickets.get(key.id()));
            if (matches.test(state)) {
              page.add(new TicketRow(state.ticket(), state.activity()));
              if (page.size() == query.limit()) {
                break;
              }
            }
          }
          return List.copyOf(page);
        });
  }

  @Override
  public long count(TicketQuery query) {
    return tx.read(() -> tickets.values().stream().filter(matcher(query)).count());
  }

  @Override
  public Map<String, Activity> activity(Collection<String> ticketIds) {
    return tx.read(
        () -> {
          Map<String, Activity> found = new HashMap<>();
          for (String id : ticketIds) {
            TicketState state = tickets.get(id);
            if (state != null) {
              found.put(id, state.activity());
            }
          }
          return Map.copyOf(found);
        });
  }

  @Override
  public TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return tx.read(
        () -> {
          Map<Status, Long> byStatus = new EnumMap<>(Status.class);
          long urgent = 0;
          long high = 0;
          long unassigned = 0;
          for (TicketState state : tickets.values()) {
            TicketRecord t = state.ticket();
            if (t.deleted()
                || !scope.matches(t)
                || (companyId != null && !companyId.equals(t.companyId()))) {
              continue;
            }
            byStatus.merge(t.status(), 1L, Long::sum);
            if (t.status().isActive()) {
              switch (t.priority()) {
                case URGENT -> urgent++;
                case HIGH -> high++;
                default -> {}
              }
              if (t.assigneeId() == null) {
                unassigned++;
              }
            }
          }
          return TicketStats.of(byStatus, urgent, high, unassigned);
        });
  }

  @Override
  public PurgedTicket purgeTicket(String ticketId) {
    tx.beginWrite("purgeTicket");
    List<String> attachmentKeys = new ArrayList<>();
    TicketState state = tx.remove(tickets, ticketId);
    if (state != null) {
      tx.removeElement(byCreation, keyset(state.ticket()));
      for (CommentRecord c : state.comments()) {
        tx.remove(commentsById, c.id());
        if (c.externalId() != null) {
          tx.remove(externalIds, c.externalId());
        }
      }
      state.attachments().forEach(a -> attachmentKeys.add(a.objectKey()));
    }
    List<UploadGrant> outstanding =
        grants.values().stream()
            .filter(g -> g.ticketId().equals(ticketId))
            .sorted(EXPIRY_ORDER)
            .toList();
    for (UploadGrant g : outstanding) {
      tx.remove(grants, g.objectKey());
      tx.remove(claims, g.objectKey());
    }
    tx.remove(audit, ticketId);
    outbox.removeTicket(ticketId);
    return new PurgedTicket(attachmentKeys, outstanding);
  }

  // ---- comments and attachments

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the ticket does not exist, or the comment id or its
   *     external id is taken
   */
  @Override
  public void insertComment(CommentRecord comment) {
    tx.beginWrite("insertComment");
    TicketState state = existing(comment.ticketId());
    if (commentsById.containsKey(comment.id())) {
      throw new IllegalStateException("comment " + comment.id() + " already exists");
    }
    String externalId = comment.externalId();
    if (externalId != null && externalIds.containsKey(externalId)) {
      throw new IllegalStateException("external note " + externalId + " is already recorded");
    }
    tx.put(tickets, comment.ticketId(), state.withComment(comment));
    tx.put(commentsById, comment.id(), comment);
    if (externalId != null) {
      tx.put(externalIds, externalId, comment.id());
    }
  }

  @Override
  public Optional<CommentRecord> findComment(String commentId) {
    return tx.read(() -> Optional.ofNullable(commentsById.get(commentId)));
  }

  @Override
  public Optional<CommentRecord> findCommentByExternalId(String externalId) {
    return tx.read(
        () -> {
          String commentId = externalIds.get(externalId);
          return Optional.ofNullable(commentId == null ? null : commentsById.get(commentId));
        });
  }

  @Override
  public List<CommentRecord> comments(String ticketId, boolean includeInternal) {
    return tx.read(
        () -> {
          TicketState state = tickets.get(ticketId);
          if (state == null) {
            return List.of();
          }
          return includeInternal
              ? state.comments()
              : state.comments().stream().filter(c -> !c.internal()).toList();
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the ticket does not exist
   */
  @Override
  public void insertAttachment(AttachmentRecord attachment) {
    tx.beginWrite("insertAttachment");
    TicketState state = existing(attachment.ticketId());
    tx.put(tickets, attachment.ticketId(), state.withAttachment(attachment));
  }

  @Override
  public List<AttachmentRecord> attachments(String ticketId, boolean includeInternal) {
    return tx.read(
        () -> {
          TicketState state = tickets.get(ticketId);
          if (state == null) {
            return List.of();
          }
          return includeInternal
              ? state.attachments()
              : state.attachments().stream().filter(a -> !a.internal()).toList();
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the ticket does not exist
   */
  @Override
  public void saveUploadGrant(UploadGrant grant) {
    tx.beginWrite("saveUploadGrant");
    existing(grant.ticketId());
    tx.put(grants, grant.objectKey(), grant);
    tx.remove(claims, grant.objectKey());
  }

  @Override
  public Optional<UploadGrant> findUploadGrant(String objectKey) {
    return tx.read(() -> Optional.ofNullable(grants.get(objectKey)));
  }

  @Override
  public boolean claimUploadGrant(
      String objectKey, String claim, Instant now, Instant claimedUntil) {
    tx.beginWrite("claimUploadGrant");
    if (!grants.containsKey(objectKey)) {
      return false;
    }
    Claim current = claims.get(objectKey);
    if (current != null && current.until().isAfter(now)) {
      return false;
    }
    tx.put(claims, objectKey, new Claim(claim, claimedUntil));
    return true;
  }

  @Override
  public boolean releaseUploadGrant(String objectKey, String claim) {
    tx.beginWrite("releaseUploadGrant");
    if (!heldBy(objectKey, claim)) {
      return false;
    }
    tx.remove(claims, objectKey);
    return true;
  }

  @Override
  public boolean deleteClaimedUploadGrant(String objectKey, String claim) {
    tx.beginWrite("deleteClaimedUploadGrant");
    if (!heldBy(objectKey, claim)) {
      return false;
    }
    tx.remove(claims, objectKey);
    return tx.remove(grants, objectKey) != null;
  }

  private boolean heldBy(String objectKey, String claim) {
    Claim current = claims.get(objectKey);
    return grants.containsKey(objectKey) && current != null && current.token().equals(claim);
  }

  @Override
  public boolean deleteUploadGrant(String objectKey) {
    tx.beginWrite("deleteUploadGrant");
    tx.remove(claims, objectKey);
    return tx.remove(grants, objectKey) != null;
  }

  @Override
  public List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit) {
    return tx.read(
        () ->
            grants.values().stream()
                .filter(g -> !g.expiresAt().isAfter(cutoff))
                .sorted(EXPIRY_ORDER)
                .limit(limit)
                .toList());
  }

  // ---- object deletions

  @Override
  public void scheduleObjectDeletions(Collection<ObjectDeletion> deletions) {
    tx.beginWrite("scheduleObjectDeletions");
    for (ObjectDeletion d : deletions) {
      Instant scheduled = objectDeletions.get(d.objectKey());
      if (scheduled == null || d.notBefore().isAfter(scheduled)) {
        tx.put(objectDeletions, d.objectKey(), d.notBefore());
      }
    }
  }

  @Override
  public List<ObjectDeletion> dueObjectDeletions(Instant now, int limit) {
    return tx.read(
        () ->
            objectDeletions.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(e -> new ObjectDeletion(e.getKey(), e.getValue()))
                .sorted(DELETION_ORDER)
                .limit(limit)
                .toList());
  }

  @Override
  public int cancelObjectDeletions(Collection<String> objectKeys) {
    tx.beginWrite("cancelObjectDeletions");
    int removed = 0;
    for (String key : new LinkedHashSet<>(objectKeys)) {
      if (tx.remove(objectDeletions, key) != null) {
        removed++;
      }
    }
    return removed;
  }

  /** Testing aid: every scheduled object deletion, due or not, earliest first. */
  public List<ObjectDeletion> scheduledObjectDeletions() {
    return tx.read(
        () ->
            objectDeletions.entrySet().stream()
                .map(e -> new ObjectDeletion(e.getKey(), e.getValue()))
                .sorted(DELETION_ORDER)
                .toList());
  }

  // ---- audit and outbox

  @Override
  public void appendAudit(AuditEntry entry) {
    tx.beginWrite("appendAudit");
    List<AuditEntry> entries = new ArrayList<>(audit.getOrDefault(entry.ticketId(), List.of()));
    entries.add(entry);
    tx.put(audit, entry.ticketId(), List.copyOf(entries));
  }

  @Override
  public List<AuditEntry> history(String ticketId) {
    // Oldest first by time even when appended out of order; the stable sort keeps ties in append
    // order.
    return tx.read(
        () ->
            audit.getOrDefault(ticketId, List.<AuditEntry>of()).stream()
                .sorted(Comparator.comparing(AuditEntry::at))
                .toList());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when a request id is already in the outbox
   */
  @Override
  public void enqueue(List<NotificationRequest> requests) {
    outbox.enqueue(requests);
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  // ---- idempotency keys

  @Override
  public Optional<IdempotencyRecord> findIdempotencyKey(String actorId, String key, Instant now) {
    return tx.read(
        () ->
            Optional.ofNullable(idempotencyKeys.get(new ActorKey(actorId, key)))
                .filter(r -> !r.expiredAt(now)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Units of work here are serialised, so two first uses of one key never overlap: the second
   * finds the first's record.
   */
  @Override
  public void saveIdempotencyKey(IdempotencyRecord record) {
    tx.beginWrite("saveIdempotencyKey");
    ActorKey id = new ActorKey(record.actorId(), record.key());
    IdempotencyRecord existing = idempotencyKeys.get(id);
    if (existing != null && !existing.expiredAt(record.createdAt())) {
      throw ConflictException.conflict(
          "idempotency key already recorded", new IllegalStateException("unique (actor, key)"));
    }
    tx.put(idempotencyKeys, id, record);
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return tx.inTransaction(
        () -> {
          tx.beginWrite("purgeIdempotencyKeys");
          List<ActorKey> expired =
              idempotencyKeys.entrySet().stream()
                  .filter(e -> e.getValue().expiredAt(now))
                  .map(Map.Entry::getKey)
                  .toList();
          expired.forEach(k -> tx.remove(idempotencyKeys, k));
          return expired.size();
        });
  }

  /** Testing aid: how many idempotency key records are stored, expired ones included. */
  public int idempotencyKeyCount() {
    return tx.read(idempotencyKeys::size);
  }

  /** The primary key of an idempotency record. */
  private record ActorKey(String actorId, String key) {}

  // ---- helpers

  private TicketState existing(String ticketId) {
    TicketState state = tickets.get(ticketId);
    if (state == null) {
      throw new IllegalStateException("ticket " + ticketId + " does not exist");
    }
    return state;
  }

  /** The query's predicate, minus position and limit. */
  private static Predicate<TicketState> matcher(TicketQuery query) {
    VisibilityScope scope = query.scope();
    TicketFilter f = query.filter();
    String term = f.searchTerm() == null ? null : f.searchTerm().toLowerCase(Locale.ROOT);
    CommentSearch commentSearch = query.commentSearch();
    return state -> {
      TicketRecord t = state.ticket();
      return scope.matches(t)
          && (f.includeDeleted() || !t.deleted())
          && (f.status() == null || f.status() == t.status())
          && (f.priority() == null || f.priority() == t.priority())
          && (f.category() == null || f.category().equals(t.category()))
          && (f.companyId() == null || f.companyId().equals(t.companyId()))
          && (f.assignedToId() == null || f.assignedToId().equals(t.assigneeId()))
          && (f.unassigned() == null || f.unassigned() == (t.assigneeId() == null))
          && (f.createdBy() == null || f.createdBy().equals(t.createdBy()))
          && (f.createdFrom() == null || !t.createdAt().isBefore(f.createdFrom()))
          && (f.createdTo() == null || t.createdAt().isBefore(f.createdTo()))
          && (term == null || mentions(state, term, commentSearch));
    };
  }

  private static boolean mentions(TicketState state, String term, CommentSearch commentSearch) {
    TicketRecord t = state.ticket();
    if (contains(t.title(), term) || contains(t.description(), term)) {
      return true;
    }
    return switch (commentSearch) {
      case NONE -> false;
      case PUBLIC ->
          state.comments().stream().anyMatch(c -> !c.internal() && contains(c.content(), term));
      case ALL -> state.comments().stream().anyMatch(c -> contains(c.content(), term));
    };
  }

  private static boolean contains(String text, String lowerCaseTerm) {
    return text.toLowerCase(Locale.ROOT).contains(lowerCaseTerm);
  }

  private static Keyset keyset(TicketRecord t) {
    return new Keyset(t.createdAt(), t.id());
  }

  private static Instant latest(@Nullable Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static <T> List<T> inserted(List<T> sorted, T element, Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(sorted.size() + 1);
    copy.addAll(sorted);
    copy.add(element);
    copy.sort(order);
    return List.copyOf(copy);
  }
}
