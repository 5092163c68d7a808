package dev.ticketing.spi;

import dev.ticketing.AuditEntry;
import dev.ticketing.TagCount;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A ticket store that passes every call to another: the base of a decorator (metrics, tracing, a
 * cache of its own) that overrides only what it changes. Every method of {@link TicketStore} is
 * passed through, the ones with a default too: a decorator that implemented the interface itself
 * and left a default method alone would answer that method with the default instead of the
 * wrapped store's answer ({@link TicketStore#findTicketForChange} would then stop holding the
 * ticket, and concurrent changes of one ticket could commit out of the order of their times). A
 * method added to the interface is added here in the same release; a test of this library fails
 * otherwise.
 *
 * <p>Run the store contract against the decorator over a real store to check it.
 *
 * @since 0.2.0
 */
public abstract class ForwardingTicketStore implements TicketStore {

  private final TicketStore delegate;

  /** A store passing every call to {@code delegate}. */
  protected ForwardingTicketStore(TicketStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store underneath. */
  public final TicketStore delegate() {
    return delegate;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return delegate.inTransaction(work);
  }

  @Override
  public void insertTicket(TicketRecord ticket) {
    delegate.insertTicket(ticket);
  }

  @Override
  public TicketRecord updateTicket(TicketRecord changed) {
    return delegate.updateTicket(changed);
  }

  @Override
  public PurgedTicket purgeTicket(String ticketId) {
    return delegate.purgeTicket(ticketId);
  }

  @Override
  public Optional<TicketRecord> findTicket(String id) {
    return delegate.findTicket(id);
  }

  @Override
  public Optional<TicketRecord> findTicketForChange(String id) {
    return delegate.findTicketForChange(id);
  }

  @Override
  public Map<String, TicketRecord> findTickets(Collection<String> ids) {
    return delegate.findTickets(ids);
  }

  @Override
  public TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return delegate.stats(scope, companyId);
  }

  @Override
  public List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    return delegate.tagCounts(scope, companyId, limit);
  }

  @Override
  public long count(TicketQuery query) {
    return delegate.count(query);
  }

  @Override
  public long countAtMost(TicketQuery query, long limit) {
    return delegate.countAtMost(query, limit);
  }

  @Override
  public @Nullable CounterStore counters() {
    return delegate.counters();
  }

  @Override
  public List<TicketRow> list(TicketQuery query) {
    return delegate.list(query);
  }

  @Override
  public <T> T readFor(String actorId, Supplier<T> reads) {
    return delegate.readFor(actorId, reads);
  }

  @Override
  public TextMatching textMatching() {
    return delegate.textMatching();
  }

  @Override
  public CompanionStores companions() {
    return delegate.companions();
  }

  @Override
  public Map<String, Activity> activity(Collection<String> ticketIds) {
    return delegate.activity(ticketIds);
  }

  @Override
  public void insertComment(CommentRecord comment) {
    delegate.insertComment(comment);
  }

  @Override
  public Optional<CommentRecord> findComment(String commentId) {
    return delegate.findComment(commentId);
  }

  @Override
  public Optional<CommentRecord> findCommentByExternalId(String externalId) {
    return delegate.findCommentByExternalId(externalId);
  }

  @Override
  public List<CommentRecord> comments(String ticketId, boolean includeInternal) {
    return delegate.comments(ticketId, includeInternal);
  }

  @Override
  public void insertAttachment(AttachmentRecord attachment) {
    delegate.insertAttachment(attachment);
  }

  @Override
  public List<AttachmentRecord> attachments(String ticketId, boolean includeInternal) {
    return delegate.attachments(ticketId, includeInternal);
  }

  @Override
  public void saveUploadGrant(UploadGrant grant) {
    delegate.saveUploadGrant(grant);
  }

  @Override
  public Optional<UploadGrant> findUploadGrant(String objectKey) {
    return delegate.findUploadGrant(objectKey);
  }

  @Override
  public boolean claimUploadGrant(
      String objectKey, String claim, Instant now, Instant claimedUntil) {
    return delegate.claimUploadGrant(objectKey, claim, now, claimedUntil);
  }

  @Override
  public boolean releaseUploadGrant(String objectKey, String claim) {
    return delegate.releaseUploadGrant(objectKey, claim);
  }

  @Override
  public boolean deleteClaimedUploadGrant(String objectKey, String claim) {
    return delegate.deleteClaimedUploadGrant(objectKey, claim);
  }

  @Override
  public boolean deleteUploadGrant(String objectKey) {
    return delegate.deleteUploadGrant(objectKey);
  }

  @Override
  public List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit) {
    return delegate.expiredUploadGrants(cutoff, limit);
  }

  @Override
  public void scheduleObjectDeletions(Collection<ObjectDeletion> deletions) {
    delegate.scheduleObjectDeletions(deletions);
  }

  @Override
  public List<ObjectDeletion> dueObjectDeletions(Instant now, int limit) {
    return delegate.dueObjectDeletions(now, limit);
  }

  @Override
  public int cancelObjectDeletions(Collection<String> objectKeys) {
    return delegate.cancelObjectDeletions(objectKeys);
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    delegate.appendAudit(entry);
  }

  @Override
  public List<AuditEntry> history(String ticketId) {
    return delegate.history(ticketId);
  }

  @Override
  public void enqueue(List<NotificationRequest> requests) {
    delegate.enqueue(requests);
  }

  @Override
  public OutboxStore outbox() {
    return delegate.outbox();
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotencyKey(String actorId, String key, Instant now) {
    return delegate.findIdempotencyKey(actorId, key, now);
  }

  @Override
  public void saveIdempotencyKey(IdempotencyRecord record) {
    delegate.saveIdempotencyKey(record);
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return delegate.purgeIdempotencyKeys(now);
  }
}
