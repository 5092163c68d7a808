package dev.ticketing.memory;

import dev.ticketing.AuditEntry;
import dev.ticketing.TagCount;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.sla.SlaStanding;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CompanionStores;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private final Transactions tx = new Transactions();

  private final InMemoryTickets tickets = new InMemoryTickets(tx);

  private final InMemoryCounterStore counters = new InMemoryCounterStore(tx);

  private final Map<String, List<AuditEntry>> audit = new HashMap<>();

  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(tx);

  private final InMemoryIdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys(tx);

  private final InMemorySlaStore slaClocks = new InMemorySlaStore();

  private final InMemoryUploads uploads = new InMemoryUploads(tx, tickets::existing);

  /** An empty store. */
  public InMemoryTicketStore() {}

  /** The units of work a store beside this one joins (automation rules). */
  Transactions transactions() {
    return tx;
  }

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

  // ---- tickets, comments and attachments

  @Override
  public void insertTicket(TicketRecord ticket) {
    tickets.insertTicket(ticket);
  }

  @Override
  public TicketRecord updateTicket(TicketRecord changed) {
    return tickets.updateTicket(changed);
  }

  @Override
  public Optional<TicketRecord> findTicket(String id) {
    return tickets.findTicket(id);
  }

  @Override
  public Map<String, TicketRecord> findTickets(Collection<String> ids) {
    return tickets.findTickets(ids);
  }

  @Override
  public List<TicketRow> list(TicketQuery query) {
    return tickets.list(query, standingMatches(query));
  }

  @Override
  public long count(TicketQuery query) {
    return tickets.count(query, standingMatches(query));
  }

  /**
   * The SLA standing part of the query, from the clocks of {@link #companions()}: read before the
   * tickets, never under their lock (the engine takes the clocks' lock first when it writes).
   */
  private Predicate<String> standingMatches(TicketQuery query) {
    SlaStanding wanted = query.filter().slaStanding();
    if (wanted == null) {
      return id -> true;
    }
    Map<String, SlaStanding> standings = slaClocks.standings(query.now());
    return id -> standings.getOrDefault(id, SlaStanding.NONE) == wanted;
  }

  /**
   * The stores beside this one: the SLA clocks, kept in memory, which listings read to filter by
   * {@link dev.ticketing.TicketFilter#slaStanding()}; every other capability gets the builder's
   * default.
   *
   * @since 0.2.0
   */
  @Override
  public CompanionStores companions() {
    return new CompanionStores(slaClocks, null, null, null, null, null, null);
  }

  @Override
  public Map<String, Activity> activity(Collection<String> ticketIds) {
    return tickets.activity(ticketIds);
  }

  @Override
  public TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return tickets.stats(scope, companyId);
  }

  @Override
  public List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    return tickets.tagCounts(scope, companyId, limit);
  }

  @Override
  public void insertComment(CommentRecord comment) {
    tickets.insertComment(comment);
  }

  @Override
  public Optional<CommentRecord> findComment(String commentId) {
    return tickets.findComment(commentId);
  }

  @Override
  public Optional<CommentRecord> findCommentByExternalId(String externalId) {
    return tickets.findCommentByExternalId(externalId);
  }

  @Override
  public List<CommentRecord> comments(String ticketId, boolean includeInternal) {
    return tickets.comments(ticketId, includeInternal);
  }

  @Override
  public void insertAttachment(AttachmentRecord attachment) {
    tickets.insertAttachment(attachment);
  }

  @Override
  public List<AttachmentRecord> attachments(String ticketId, boolean includeInternal) {
    return tickets.attachments(ticketId, includeInternal);
  }

  /**
   * The ticket counters, in this store's units of work.
   *
   * @since 0.2.0
   */
  @Override
  public InMemoryCounterStore counters() {
    return counters;
  }

  @Override
  public PurgedTicket purgeTicket(String ticketId) {
    tx.beginWrite("purgeTicket");
    List<String> attachmentKeys = tickets.remove(ticketId);
    List<UploadGrant> outstanding = uploads.removeTicket(ticketId);
    tx.remove(audit, ticketId);
    outbox.removeTicket(ticketId);
    return new PurgedTicket(attachmentKeys, outstanding);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the ticket does not exist
   */
  @Override
  public void saveUploadGrant(UploadGrant grant) {
    uploads.saveUploadGrant(grant);
  }

  @Override
  public Optional<UploadGrant> findUploadGrant(String objectKey) {
    return uploads.findUploadGrant(objectKey);
  }

  @Override
  public boolean claimUploadGrant(
      String objectKey, String claim, Instant now, Instant claimedUntil) {
    return uploads.claimUploadGrant(objectKey, claim, now, claimedUntil);
  }

  @Override
  public boolean releaseUploadGrant(String objectKey, String claim) {
    return uploads.releaseUploadGrant(objectKey, claim);
  }

  @Override
  public boolean deleteClaimedUploadGrant(String objectKey, String claim) {
    return uploads.deleteClaimedUploadGrant(objectKey, claim);
  }

  @Override
  public boolean deleteUploadGrant(String objectKey) {
    return uploads.deleteUploadGrant(objectKey);
  }

  @Override
  public List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit) {
    return uploads.expiredUploadGrants(cutoff, limit);
  }

  // ---- object deletions

  @Override
  public void scheduleObjectDeletions(Collection<ObjectDeletion> deletions) {
    uploads.scheduleObjectDeletions(deletions);
  }

  @Override
  public List<ObjectDeletion> dueObjectDeletions(Instant now, int limit) {
    return uploads.dueObjectDeletions(now, limit);
  }

  @Override
  public int cancelObjectDeletions(Collection<String> objectKeys) {
    return uploads.cancelObjectDeletions(objectKeys);
  }

  /** Testing aid: every scheduled object deletion, due or not, earliest first. */
  public List<ObjectDeletion> scheduledObjectDeletions() {
    return uploads.scheduledObjectDeletions();
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
    return idempotencyKeys.find(actorId, key, now);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Units of work here are serialised, so two first uses of one key never overlap: the second
   * finds the first's record.
   */
  @Override
  public void saveIdempotencyKey(IdempotencyRecord record) {
    idempotencyKeys.save(record);
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return idempotencyKeys.purge(now);
  }

  /** Testing aid: how many idempotency key records are stored, expired ones included. */
  public int idempotencyKeyCount() {
    return idempotencyKeys.count();
  }

  // ---- helpers

}
