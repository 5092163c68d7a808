package dev.ticketing.jpa;

import dev.ticketing.AuditEntry;
import dev.ticketing.ConflictException;
import dev.ticketing.TagCount;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketingException;
import dev.ticketing.jpa.entity.CommentEntity;
import dev.ticketing.jpa.entity.TicketEntity;
import dev.ticketing.policy.VisibilityScope;
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
import dev.ticketing.spi.TextMatching;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link TicketStore} on Jakarta Persistence (tested with Hibernate 7 on PostgreSQL, MariaDB and
 * H2). Reads are shaped for the page: a listing is one statement for the tickets plus two grouped
 * statements for comment and attachment activity, whatever the page size.
 *
 * <p>Create one with {@link #resourceLocal(EntityManagerFactory)} for plain Java hosts, or with
 * {@link #JpaTicketStore(JpaTransactions)} to join transactions a framework manages. The schema
 * comes from {@link TicketingSchema#migrate}.
 *
 * <p>Long because it is the whole ticket store contract on one database; each part with more than a
 * few lines of its own (listings, uploads, idempotency keys, purge, counters) is a class beside it.
 *
 * @since 0.1.0
 */
public final class JpaTicketStore implements TicketStore {

  private final JpaTransactions transactions;
  private final JpaOutboxStore outbox;
  private final JpaListings listings = new JpaListings(this);
  private final JpaUploads uploads = new JpaUploads(this);
  private final JpaIdempotencyKeys idempotencyKeys = new JpaIdempotencyKeys(this);
  private final JpaCounterStore counters;
  private final ReplicaReads replica;
  private final TicketCompanies companies = new TicketCompanies();

  /**
   * A store running its units of work in these transactions.
   *
   * @param transactions the transactions, shared with the other stores of the same database
   */
  public JpaTicketStore(JpaTransactions transactions) {
    this(transactions, ReplicaReads.NONE);
  }

  JpaTicketStore(JpaTransactions transactions, ReplicaReads replica) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.outbox = new JpaOutboxStore(this);
    this.replica = replica;
    this.counters = new JpaCounterStore(transactions, replica);
  }

  /**
   * A builder of a store with options, such as a read replica.
   *
   * @param transactions the transactions the store's units of work run in
   * @return a builder
   * @since 0.2.0
   */
  public static JpaTicketStoreBuilder builder(JpaTransactions transactions) {
    return new JpaTicketStoreBuilder(transactions);
  }

  /**
   * The units of work this store runs in: give the same to the stores of capabilities beside it
   * ({@link JpaSlaStore}, {@link JpaAssignmentStore}, {@link JpaLinkStore}, {@link JpaMacroStore},
   * {@link JpaRatingStore}) so that they commit together; {@link #companions()} does it for you.
   *
   * @return the transactions
   * @since 0.2.0
   */
  public JpaTransactions transactions() {
    return transactions;
  }

  /**
   * The JPA stores of every capability beside the tickets, on this store's {@link #transactions()}:
   * a {@code Ticketing.builder().store(this)} keeps fields, links, macros, ratings, assignment, SLA
   * clocks and (when turned on) automation rules on the same database without more settings.
   *
   * @since 0.2.0
   */
  @Override
  public CompanionStores companions() {
    return new CompanionStores(
        new JpaSlaStore(transactions),
        new JpaFieldDefinitionStore(transactions),
        new JpaAssignmentStore(transactions),
        new JpaLinkStore(transactions),
        new JpaMacroStore(transactions),
        new JpaRatingStore(transactions),
        new JpaAutomationStore(transactions));
  }

  /**
   * The ticket counters ({@code ticketing_counter}), on this store's {@link #transactions()}.
   *
   * @since 0.2.0
   */
  @Override
  public JpaCounterStore counters() {
    return counters;
  }

  /**
   * A store running its own resource-local transactions on the factory.
   *
   * @param factory the store's entity manager factory
   * @return the store
   */
  public static JpaTicketStore resourceLocal(EntityManagerFactory factory) {
    return new JpaTicketStore(new ResourceLocalTransactions(factory));
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      // The work's own exceptions pass through unchanged; persistence failures get their codes.
      throw JpaFailures.isPersistenceFailure(e) ? JpaFailures.translate(e) : e;
    }
  }

  /** On the replica, when the store has one and the reads may go there ({@link #builder}). */
  @Override
  public <T> T readFor(String actorId, Supplier<T> reads) {
    return replica.readFor(actorId, reads);
  }

  /** Runs a read on the replica while a routed read runs there, else in a unit of work. */
  <T> T read(java.util.function.Function<EntityManager, T> query) {
    EntityManager onReplica = replica.entityManager();
    return onReplica != null ? query.apply(onReplica) : inTransaction(() -> query.apply(em()));
  }

  EntityManager em() {
    return transactions.entityManager();
  }

  // ------------------------------------------------------------------ tickets

  @Override
  public void insertTicket(TicketRecord ticket) {
    EntityManager em = em();
    em.persist(Mapping.newTicket(ticket));
    companies.remember(ticket.id(), ticket.companyId());
    TagRows.insert(
        em,
        ticket.id(),
        ticket.companyId(),
        ticket.requesterId(),
        ticket.createdAt(),
        ticket.tags());
    FieldRows.insert(em, ticket.id(), ticket.companyId(), ticket.createdAt(), ticket.fields());
  }

  @Override
  public TicketRecord updateTicket(TicketRecord changed) {
    EntityManager em = em();
    TicketEntity e = em.find(TicketEntity.class, changed.id());
    if (e == null || e.version != changed.version()) {
      throw new ConflictException(changed.id());
    }
    try {
      // Write-lock the row (checking the version) before anything of this unit is flushed. On
      // MariaDB/InnoDB a comment inserted earlier in the unit takes a shared lock on the ticket
      // row for its foreign key when flushed; upgrading that lock for the update deadlocks with
      // every concurrent writer of the ticket (40001), which made customers' replies that move
      // the status fail. Holding the write lock first, the unit only ever waits.
      em.lock(e, LockModeType.PESSIMISTIC_WRITE);
      TicketRecord before = Mapping.ticket(e);
      TagRows.replace(em, before, changed);
      FieldRows.replace(em, before, changed);
      Mapping.copyInto(changed, e);
      // Flush now: the version check (update ... where version = ?) must fail here, not at commit.
      em.flush();
    } catch (RuntimeException failure) {
      TicketingException coded = JpaFailures.translate(failure);
      throw coded instanceof ConflictException
          ? new ConflictException(changed.id(), failure)
          : coded;
    }
    return Mapping.ticket(e);
  }

  @Override
  public Optional<TicketRecord> findTicket(String id) {
    return read(
        em -> Optional.ofNullable(em.find(TicketEntity.class, id)).map(this::rememberCompany));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the row with a write lock ({@code select ... for update}) on the primary, in the
   * caller's unit of work: a concurrent writer of the ticket waits for this unit to end instead of
   * failing with a conflict later.
   */
  @Override
  public Optional<TicketRecord> findTicketForChange(String id) {
    return inTransaction(
        () ->
            Optional.ofNullable(em().find(TicketEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
                .map(this::rememberCompany));
  }

  @Override
  public Map<String, TicketRecord> findTickets(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return read(
        em -> {
          Map<String, TicketRecord> out = new HashMap<>();
          em.createQuery("select t from TicketEntity t where t.id in :ids", TicketEntity.class)
              .setParameter("ids", ids)
              .getResultList()
              .forEach(e -> out.put(e.id, rememberCompany(e)));
          return out;
        });
  }

  /** Maps a loaded ticket, remembering its company for the statements on its rows that follow. */
  TicketRecord rememberCompany(TicketEntity e) {
    companies.remember(e.id, e.companyId);
    return Mapping.ticket(e);
  }

  /** The companies of tickets, for the statements on their rows. */
  TicketCompanies companies() {
    return companies;
  }

  @Override
  public List<TicketRow> list(TicketQuery query) {
    return replica.route(() -> listings.list(query));
  }

  @Override
  public TextMatching textMatching() {
    return listings.textMatching();
  }

  @Override
  public long count(TicketQuery query) {
    return replica.route(() -> listings.count(query));
  }

  @Override
  public long countAtMost(TicketQuery query, long limit) {
    return replica.route(() -> listings.countAtMost(query, limit));
  }

  @Override
  public Map<String, Activity> activity(Collection<String> ticketIds) {
    return listings.activity(ticketIds);
  }

  @Override
  public TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return replica.route(() -> listings.stats(scope, companyId));
  }

  @Override
  public List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    return replica.route(() -> listings.tagCounts(scope, companyId, limit));
  }

  @Override
  public PurgedTicket purgeTicket(String ticketId) {
    EntityManager em = em();
    // Known before the rows go: the entry recording the purge still carries the company.
    return TicketPurge.purge(em, ticketId, companies.of(em, ticketId));
  }

  // ------------------------------------------------------------------ comments and attachments

  @Override
  public void insertComment(CommentRecord comment) {
    EntityManager em = em();
    em.persist(Mapping.comment(comment, companies.of(em, comment.ticketId())));
  }

  @Override
  public Optional<CommentRecord> findComment(String commentId) {
    return read(
        em -> Optional.ofNullable(em.find(CommentEntity.class, commentId)).map(Mapping::comment));
  }

  @Override
  public Optional<CommentRecord> findCommentByExternalId(String externalId) {
    return read(
        em ->
            em.createQuery(
                    "select c from CommentEntity c where c.externalId = :x", CommentEntity.class)
                .setParameter("x", externalId)
                .getResultStream()
                .findFirst()
                .map(Mapping::comment));
  }

  @Override
  public List<CommentRecord> comments(String ticketId, boolean includeInternal) {
    return read(
        em -> TicketRowReads.comments(em, companies.of(em, ticketId), ticketId, includeInternal));
  }

  @Override
  public void insertAttachment(AttachmentRecord attachment) {
    EntityManager em = em();
    em.persist(Mapping.attachment(attachment, companies.of(em, attachment.ticketId())));
  }

  @Override
  public List<AttachmentRecord> attachments(String ticketId, boolean includeInternal) {
    return read(
        em ->
            TicketRowReads.attachments(em, companies.of(em, ticketId), ticketId, includeInternal));
  }

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

  // ------------------------------------------------------------------ audit and outbox

  @Override
  public void appendAudit(AuditEntry entry) {
    EntityManager em = em();
    em.persist(Mapping.audit(entry, companies.of(em, entry.ticketId())));
    replica.wrote(entry.actorId());
  }

  @Override
  public List<AuditEntry> history(String ticketId) {
    return read(em -> TicketRowReads.history(em, companies.of(em, ticketId), ticketId));
  }

  @Override
  public void enqueue(List<NotificationRequest> requests) {
    EntityManager em = em();
    requests.forEach(r -> em.persist(Mapping.outbox(OutboxEntry.of(r))));
  }

  // ------------------------------------------------------------------ idempotency keys

  @Override
  public Optional<IdempotencyRecord> findIdempotencyKey(String actorId, String key, Instant now) {
    return idempotencyKeys.findIdempotencyKey(actorId, key, now);
  }

  @Override
  public void saveIdempotencyKey(IdempotencyRecord record) {
    idempotencyKeys.saveIdempotencyKey(record);
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return idempotencyKeys.purgeIdempotencyKeys(now);
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }
}
