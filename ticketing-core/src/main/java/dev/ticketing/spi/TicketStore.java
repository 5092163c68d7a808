package dev.ticketing.spi;

import dev.ticketing.AuditEntry;
import dev.ticketing.ConflictException;
import dev.ticketing.TagCount;
import dev.ticketing.TicketStats;
import dev.ticketing.policy.VisibilityScope;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one persistence contract. Every implementation passes {@code TicketStoreContract} from
 * {@code ticketing-tck}.
 *
 * <p><b>Units of work.</b> {@link #inTransaction} runs its work in one transaction: every write
 * made inside it (ticket, comment, attachment, audit entry, outbox notification) commits together
 * or not at all. A call made while a transaction is already open on the thread (for example one the
 * host's framework manages) joins it. Writes outside {@code inTransaction} are not allowed.
 *
 * <p><b>Optimistic concurrency.</b> {@link #updateTicket} writes only when the stored version
 * equals the given record's version, and increments it. Comments and attachments are rows of their
 * own: adding one never touches the ticket row, so it never conflicts with status or assignment
 * changes.
 *
 * <p><b>Requesters, participants and tags.</b> A ticket's requester, followers, CCs and tags are
 * part of its record and change with {@link #updateTicket}, under its version. The engine has
 * normalised them; the store keeps them as given and answers the scope ({@link
 * VisibilityScope#orCopied()}: the requester or a CC) and the tags filter ({@link
 * dev.ticketing.TicketFilter#tags()}, any or all) of a listing with an index, keyset pagination
 * intact.
 *
 * <p><b>Failures.</b> Implementations translate their own failures into the core's coded
 * exceptions ({@link dev.ticketing.StoreUnavailableException}, {@link
 * ConflictException}); the transaction is then rolled back.
 *
 * @since 0.1.0
 */
public interface TicketStore {

  /** Runs {@code work} in a unit of work (joining one already open on this thread). */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs reads the engine makes to answer one actor (a listing, a search, a page's total, the
   * statistics), outside any unit of work. A store that serves such reads from a read replica uses
   * the actor to keep read-your-writes: after the actor's own write, its reads go to the primary for
   * a while. The default runs them as they are.
   *
   * @param actorId the actor the reads answer
   * @since 0.2.0
   */
  default <T> T readFor(String actorId, Supplier<T> reads) {
    return reads.get();
  }

  // ---- tickets

  /** Inserts a new ticket (version 0). */
  void insertTicket(TicketRecord ticket);

  /**
   * Writes the changed ticket if the stored version still equals {@code changed.version()}.
   *
   * @return the stored record, with the version incremented
   * @throws ConflictException when the stored version differs
   */
  TicketRecord updateTicket(TicketRecord changed);

  /** The ticket, soft-deleted or not. */
  Optional<TicketRecord> findTicket(String id);

  /** Tickets by id (any that exist), soft-deleted or not. */
  Map<String, TicketRecord> findTickets(Collection<String> ids);

  /**
   * The ticket, soft-deleted or not, read for a change: from here until the unit of work ends, every
   * other unit that reads the same ticket for a change waits. The engine reads the clock for a
   * change only after this read, so the changes of one ticket commit in the order of their times,
   * and its history, its outbox events and what a dispatcher delivers all agree on that order,
   * whatever runs at the same time. A unit that changes two tickets reads them for a change in the
   * order of their ids.
   *
   * <p>The default is {@link #findTicket}: right for a store whose units of work never overlap. A
   * store whose units of work run concurrently holds the ticket's row (the JPA store reads it with
   * a write lock); the store contract checks that a second reader waits.
   *
   * @since 0.2.0
   */
  default Optional<TicketRecord> findTicketForChange(String id) {
    return findTicket(id);
  }

  /**
   * A page of a listing; at most {@code query.limit()} rows in {@code query.order()}, each with its
   * activity. Must cost a constant number of statements whatever the limit.
   */
  List<TicketRow> list(TicketQuery query);

  /**
   * What a search term finds in ticket text with this store: {@link TextMatching#SUBSTRING} unless
   * the store says otherwise. The store contract holds the store to the answer.
   *
   * @since 0.2.0
   */
  default TextMatching textMatching() {
    return TextMatching.SUBSTRING;
  }

  /**
   * The stores of the capabilities beside the tickets that live with this store, on its database
   * and in its units of work; the builder takes each one the host did not give explicitly. {@link
   * CompanionStores#NONE} unless the store says otherwise.
   *
   * @since 0.2.0
   */
  default CompanionStores companions() {
    return CompanionStores.NONE;
  }

  /** How many tickets the query matches, ignoring its position and limit. */
  long count(TicketQuery query);

  /**
   * How many tickets the query matches, counting at most {@code limit} of them: {@code
   * min(count(query), limit)}, without reading more than {@code limit} matching rows. The default
   * counts them all and caps the answer; a store with a database overrides it.
   *
   * @since 0.2.0
   */
  default long countAtMost(TicketQuery query, long limit) {
    return Math.min(count(query), limit);
  }

  /**
   * The store of ticket counters that lives with this store, on its database and in its units of
   * work; null (the default) when it keeps none, and statistics and totals are then counted.
   *
   * @since 0.2.0
   */
  default @Nullable CounterStore counters() {
    return null;
  }

  /** Activity of the tickets, by id. */
  Map<String, Activity> activity(Collection<String> ticketIds);

  /** Statistics over the non-deleted tickets in scope, optionally of one company; one query. */
  TicketStats stats(VisibilityScope scope, @Nullable String companyId);

  /**
   * How many non-deleted tickets in scope (optionally of one company) carry each tag, and how many
   * of those are active: most used first, then by tag, at most {@code limit} tags. One query.
   *
   * @since 0.1.0
   */
  default List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    throw new UnsupportedOperationException(getClass().getName() + " does not count tags");
  }

  /**
   * Deletes the ticket and everything of it (comments, attachments, upload grants, audit entries,
   * and its outbox rows, requests and deliveries, whatever their state: they carry its text) for
   * erasure. Idempotency key records stay: they hold ids only. Scheduled object deletions are not
   * touched. A dispatcher delivering one of them at that moment finds its row gone.
   *
   * <p>Upload grants are taken like {@link #deleteUploadGrant}: a grant another unit of work deleted
   * at the same time (a sweep) is not returned.
   *
   * @return the keys of its attachments and its outstanding upload grants, for blob deletion
   */
  PurgedTicket purgeTicket(String ticketId);

  // ---- comments and attachments

  void insertComment(CommentRecord comment);

  Optional<CommentRecord> findComment(String commentId);

  /** The comment recorded for a host's external note id, if any. */
  Optional<CommentRecord> findCommentByExternalId(String externalId);

  /** The ticket's comments, oldest first; internal notes only when asked. */
  List<CommentRecord> comments(String ticketId, boolean includeInternal);

  void insertAttachment(AttachmentRecord attachment);

  /** The ticket's attachments (on it and on its comments), oldest first; those of internal notes only when asked. */
  List<AttachmentRecord> attachments(String ticketId, boolean includeInternal);

  /** Saves an issued grant, unclaimed; a grant with the same object key is replaced. */
  void saveUploadGrant(UploadGrant grant);

  /** The grant of this object key, claimed or not. */
  Optional<UploadGrant> findUploadGrant(String objectKey);

  /**
   * Claims a grant for one confirmation, so that one caller at a time copies its upload: succeeds
   * when the grant exists and is unclaimed or its last claim ended at or before {@code now}. Two
   * concurrent claims of one grant never both succeed.
   *
   * @param claim a token naming the claimant, unique per confirmation attempt
   * @param claimedUntil when the claim ends unless released or completed earlier
   * @return whether {@code claim} now holds the grant
   */
  boolean claimUploadGrant(String objectKey, String claim, Instant now, Instant claimedUntil);

  /** Ends a claim without confirming, so that the upload can be confirmed again; true when {@code claim} held the grant. */
  boolean releaseUploadGrant(String objectKey, String claim);

  /**
   * Deletes the grant if {@code claim} still holds it: the confirmation that completes a claim.
   * True when this unit of work deleted it.
   */
  boolean deleteClaimedUploadGrant(String objectKey, String claim);

  /**
   * Deletes a grant whatever its claim; true when this unit of work deleted it, so that two units
   * (two sweepers) never both take one grant: the loser sees false.
   */
  boolean deleteUploadGrant(String objectKey);

  /**
   * Grants whose {@code expiresAt} is at or before {@code cutoff}, claimed or not, earliest expiry
   * first (then by object key), at most {@code limit}.
   */
  List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit);

  // ---- object deletions (blob storage clean-up that must survive a crash)

  /**
   * Schedules objects for deletion, in the current unit of work. A key already scheduled keeps the
   * later of its two times.
   */
  void scheduleObjectDeletions(Collection<ObjectDeletion> deletions);

  /** Scheduled deletions whose {@code notBefore} is at or before {@code now}, earliest first (then by key), at most {@code limit}. */
  List<ObjectDeletion> dueObjectDeletions(Instant now, int limit);

  /** Removes scheduled deletions (the objects were deleted, or are in use after all); returns how many were scheduled. */
  int cancelObjectDeletions(Collection<String> objectKeys);

  // ---- audit and outbox

  void appendAudit(AuditEntry entry);

  /**
   * The ticket's audit entries, oldest first; entries of the same instant in the order they were
   * appended (their ids do not decide it).
   */
  List<AuditEntry> history(String ticketId);

  /**
   * Adds notification requests to the outbox, in the current unit of work: one pending request row
   * each ({@link OutboxEntry#of}), due when its change happened. Their recipients are resolved and
   * their deliveries made by the dispatcher, after commit.
   */
  void enqueue(List<NotificationRequest> requests);

  /** The outbox these notifications are dispatched from. */
  OutboxStore outbox();

  // ---- idempotency keys

  /**
   * The record of a client's idempotency key, if one was saved and has not expired at {@code now}.
   * Keys are scoped per actor: another actor's use of the same key is a different record.
   *
   * @since 0.2.0
   */
  default Optional<IdempotencyRecord> findIdempotencyKey(
      String actorId, String key, java.time.Instant now) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not keep idempotency keys");
  }

  /**
   * Saves the record of a key in the current unit of work, so that it commits with the write it
   * belongs to or not at all. A record of the same actor and key that expired by {@code
   * record.createdAt()} is replaced.
   *
   * @throws ConflictException when an unexpired record of the same actor and key
   *     exists or is being saved by a concurrent unit of work (a unique constraint): the caller
   *     looks the first record up and answers with it
   * @since 0.2.0
   */
  default void saveIdempotencyKey(IdempotencyRecord record) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not keep idempotency keys");
  }

  /**
   * Deletes the records that expired by {@code now}, in a unit of work of its own; returns how many.
   *
   * @since 0.2.0
   */
  default int purgeIdempotencyKeys(java.time.Instant now) {
    return 0;
  }
}
