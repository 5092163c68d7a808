package dev.ticketing.jpa;

import dev.ticketing.AuditEntry;
import dev.ticketing.ConflictException;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketingException;
import dev.ticketing.jpa.entity.AttachmentEntity;
import dev.ticketing.jpa.entity.AuditEntryEntity;
import dev.ticketing.jpa.entity.CommentEntity;
import dev.ticketing.jpa.entity.IdempotencyKeyEntity;
import dev.ticketing.jpa.entity.ObjectDeletionEntity;
import dev.ticketing.jpa.entity.OutboxEntity;
import dev.ticketing.jpa.entity.TicketEntity;
import dev.ticketing.jpa.entity.UploadGrantEntity;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.IdempotencyRecord;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.ObjectDeletion;
import dev.ticketing.spi.OutboxEntry;
import dev.ticketing.spi.OutboxStore;
import dev.ticketing.spi.PurgedTicket;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TextMatching;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.spi.UploadGrant;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.engine.spi.SessionFactoryImplementor;
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
 * @since 0.1.0
 */
public final class JpaTicketStore implements TicketStore {

  /** Core's active statuses, as the status column holds them. */
  private static final List<String> ACTIVE =
      Status.active().stream().map(Status::name).sorted().toList();

  private final JpaTransactions transactions;
  private final JpaOutboxStore outbox;

  /** Known after the first read: it depends on the database behind the entity manager factory. */
  private volatile @Nullable QueryDialect queryDialect;

  public JpaTicketStore(JpaTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.outbox = new JpaOutboxStore(this);
  }

  /** A store running its own resource-local transactions on the factory. */
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

  /** Runs a read in the current unit of work, or in a short one of its own. */
  <T> T read(java.util.function.Function<EntityManager, T> query) {
    return inTransaction(() -> query.apply(transactions.entityManager()));
  }

  private EntityManager em() {
    return transactions.entityManager();
  }

  // ------------------------------------------------------------------ tickets

  @Override
  public void insertTicket(TicketRecord ticket) {
    em().persist(Mapping.newTicket(ticket));
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
    return read(em -> Optional.ofNullable(em.find(TicketEntity.class, id)).map(Mapping::ticket));
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
              .forEach(e -> out.put(e.id, Mapping.ticket(e)));
          return out;
        });
  }

  @Override
  public List<TicketRow> list(TicketQuery query) {
    return read(
        em -> {
          List<TicketEntity> tickets = tickets(em, query);
          Map<String, Activity> activity = activity(em, tickets.stream().map(t -> t.id).toList());
          List<TicketRow> rows = new ArrayList<>(tickets.size());
          for (TicketEntity t : tickets) {
            rows.add(new TicketRow(Mapping.ticket(t), activity.getOrDefault(t.id, Activity.NONE)));
          }
          return rows;
        });
  }

  /** How many tickets in scope a bounded probe of a FULLTEXT search walks before asking the index. */
  private static final int PROBE_WINDOW = 300;

  private List<TicketEntity> tickets(EntityManager em, TicketQuery query) {
    QueryDialect dialect = queryDialect(em);
    TicketQueryBuilder b = TicketQueryBuilder.of(query, dialect);
    if (b.probes()) {
      // A common word fills the page within the newest few hundred tickets; measured in
      // docs/jpa.md.
      TicketQueryBuilder edgeBuilder = TicketQueryBuilder.of(query, dialect);
      TypedQuery<Instant> edgeQuery = em.createQuery(edgeBuilder.windowEdgeHql(), Instant.class);
      edgeBuilder.parameters().forEach(edgeQuery::setParameter);
      List<Instant> edge =
          edgeQuery.setFirstResult(PROBE_WINDOW - 1).setMaxResults(1).getResultList();
      TicketQueryBuilder probeBuilder = TicketQueryBuilder.of(query, dialect);
      TypedQuery<TicketEntity> probe =
          em.createQuery(
              probeBuilder.probeHql(edge.isEmpty() ? null : edge.get(0)), TicketEntity.class);
      probeBuilder.parameters().forEach(probe::setParameter);
      List<TicketEntity> found = probe.setMaxResults(query.limit()).getResultList();
      if (edge.isEmpty() || found.size() >= query.limit()) {
        return found;
      }
    }
    TypedQuery<TicketEntity> q = em.createQuery(b.listHql(), TicketEntity.class);
    b.parameters().forEach(q::setParameter);
    return q.setMaxResults(query.limit()).getResultList();
  }

  /**
   * {@link TextMatching#WORD_START} on MariaDB, where search runs on InnoDB FULLTEXT indexes;
   * {@link TextMatching#SUBSTRING} on PostgreSQL (trigram indexes) and H2.
   */
  @Override
  public TextMatching textMatching() {
    QueryDialect known = queryDialect;
    return known != null ? known.matching() : read(this::textMatching);
  }

  private TextMatching textMatching(EntityManager em) {
    return queryDialect(em).matching();
  }

  private QueryDialect queryDialect(EntityManager em) {
    QueryDialect known = queryDialect;
    if (known == null) {
      known =
          QueryDialect.of(
              em.getEntityManagerFactory()
                  .unwrap(SessionFactoryImplementor.class)
                  .getJdbcServices()
                  .getDialect());
      queryDialect = known;
    }
    return known;
  }

  @Override
  public long count(TicketQuery query) {
    return read(
        em -> {
          TicketQueryBuilder b = TicketQueryBuilder.of(query, queryDialect(em));
          TypedQuery<Long> q = em.createQuery(b.countHql(), Long.class);
          b.parameters().forEach(q::setParameter);
          return q.getSingleResult();
        });
  }

  @Override
  public Map<String, Activity> activity(Collection<String> ticketIds) {
    if (ticketIds.isEmpty()) {
      return Map.of();
    }
    return read(
        em -> {
          Map<String, Activity> out = activity(em, List.copyOf(ticketIds));
          // Every existing ticket gets an entry, with or without comments.
          em.createQuery("select t.id from TicketEntity t where t.id in :ids", String.class)
              .setParameter("ids", ticketIds)
              .getResultList()
              .forEach(id -> out.putIfAbsent(id, Activity.NONE));
          return out;
        });
  }

  /** Two grouped statements for any number of tickets. */
  private static Map<String, Activity> activity(EntityManager em, List<String> ids) {
    Map<String, Activity> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object[]> comments =
        em.createQuery(
                "select c.ticketId, count(c), sum(case when c.internal = false then 1 else 0 end),"
                    + " max(c.createdAt), max(case when c.internal = false then c.createdAt else null end)"
                    + " from CommentEntity c where c.ticketId in :ids group by c.ticketId",
                Object[].class)
            .setParameter("ids", ids)
            .getResultList();
    Map<String, long[]> attachments = new HashMap<>();
    em.createQuery(
            "select a.ticketId, count(a), sum(case when a.internal = false then 1 else 0 end)"
                + " from AttachmentEntity a where a.ticketId in :ids group by a.ticketId",
            Object[].class)
        .setParameter("ids", ids)
        .getResultList()
        .forEach(r -> attachments.put((String) r[0], new long[] {number(r[1]), number(r[2])}));
    for (Object[] r : comments) {
      long[] a = attachments.getOrDefault((String) r[0], new long[2]);
      out.put(
          (String) r[0],
          new Activity(number(r[2]), number(r[1]), a[1], a[0], (Instant) r[4], (Instant) r[3]));
    }
    attachments.forEach((id, a) -> out.putIfAbsent(id, new Activity(0, 0, a[1], a[0], null, null)));
    return out;
  }

  private static long number(@Nullable Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  @Override
  public TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return read(
        em -> {
          // count(...) filter (where ...): native on PostgreSQL and H2, emulated by Hibernate on
          // MariaDB.
          // It measured faster than sum(case ...) on PostgreSQL at a million tickets
          // (docs/benchmarks.md).
          StringBuilder select = new StringBuilder("select ");
          for (Status s : Status.values()) {
            select
                .append(s.ordinal() == 0 ? "" : ", ")
                .append("count(t) filter (where t.status = '")
                .append(s.name())
                .append("')");
          }
          String active = " and t.status in :active";
          select
              .append(", count(t) filter (where t.priority = 'URGENT'")
              .append(active)
              .append(")")
              .append(", count(t) filter (where t.priority = 'HIGH'")
              .append(active)
              .append(")")
              .append(", count(t) filter (where t.assigneeId is null")
              .append(active)
              .append(")");
          // The same scope and filter predicates as the listings: non-deleted tickets, optionally
          // one company.
          TicketFilter filter = TicketFilter.builder().companyId(companyId).build();
          TicketQueryBuilder b =
              TicketQueryBuilder.of(
                  new TicketQuery(
                      scope, filter, CommentSearch.NONE, SortOrder.NEWEST_FIRST, null, 0));
          TypedQuery<Object[]> q =
              em.createQuery(b.aggregateHql(select.toString()), Object[].class);
          b.parameters().forEach(q::setParameter);
          q.setParameter("active", ACTIVE);
          Object[] r = q.getSingleResult();
          Map<Status, Long> byStatus = new EnumMap<>(Status.class);
          for (Status s : Status.values()) {
            byStatus.put(s, number(r[s.ordinal()]));
          }
          int tail = byStatus.size();
          return TicketStats.of(
              byStatus, number(r[tail]), number(r[tail + 1]), number(r[tail + 2]));
        });
  }

  @Override
  public PurgedTicket purgeTicket(String ticketId) {
    EntityManager em = em();
    List<String> keys =
        em.createQuery(
                "select a.objectKey from AttachmentEntity a where a.ticketId = :id", String.class)
            .setParameter("id", ticketId)
            .getResultList();
    // Locked, in the sweeper's order: a grant a sweeper takes at the same moment is either waited
    // for (and then gone from this result) or not taken by the sweeper.
    List<UploadGrant> grants =
        em
            .createQuery(
                "select g from UploadGrantEntity g where g.ticketId = :id"
                    + " order by g.expiresAt, g.objectKey",
                UploadGrantEntity.class)
            .setParameter("id", ticketId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()
            .stream()
            .map(Mapping::grant)
            .toList();
    // Element collections are not touched by bulk deletes: remove them first, then the rows.
    em.createNativeQuery(
            "delete from ticketing_outbox_data where notification_id in"
                + " (select id from ticketing_outbox where ticket_id = ?1)")
        .setParameter(1, ticketId)
        .executeUpdate();
    em.createNativeQuery(
            "delete from ticketing_audit_change where entry_id in"
                + " (select id from ticketing_audit_entry where ticket_id = ?1)")
        .setParameter(1, ticketId)
        .executeUpdate();
    for (String entity :
        List.of(
            "OutboxEntity",
            "AuditEntryEntity",
            "AttachmentEntity",
            "UploadGrantEntity",
            "CommentEntity")) {
      em.createQuery("delete from " + entity + " x where x.ticketId = :id")
          .setParameter("id", ticketId)
          .executeUpdate();
    }
    em.createQuery("delete from TicketEntity t where t.id = :id")
        .setParameter("id", ticketId)
        .executeUpdate();
    em.clear(); // bulk statements bypass the persistence context; drop anything it still holds
    return new PurgedTicket(keys, grants);
  }

  // ------------------------------------------------------------------ comments and attachments

  @Override
  public void insertComment(CommentRecord comment) {
    em().persist(Mapping.comment(comment));
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
        em ->
            em
                .createQuery(
                    "select c from CommentEntity c where c.ticketId = :id"
                        + (includeInternal ? "" : " and c.internal = false")
                        + " order by c.createdAt, c.id",
                    CommentEntity.class)
                .setParameter("id", ticketId)
                .getResultList()
                .stream()
                .map(Mapping::comment)
                .toList());
  }

  @Override
  public void insertAttachment(AttachmentRecord attachment) {
    em().persist(Mapping.attachment(attachment));
  }

  @Override
  public List<AttachmentRecord> attachments(String ticketId, boolean includeInternal) {
    return read(
        em ->
            em
                .createQuery(
                    "select a from AttachmentEntity a where a.ticketId = :id"
                        + (includeInternal ? "" : " and a.internal = false")
                        + " order by a.createdAt, a.id",
                    AttachmentEntity.class)
                .setParameter("id", ticketId)
                .getResultList()
                .stream()
                .map(Mapping::attachment)
                .toList());
  }

  @Override
  public void saveUploadGrant(UploadGrant grant) {
    em().merge(
            Mapping.grant(grant)); // a new entity carries no claim: a replaced grant is unclaimed
  }

  @Override
  public Optional<UploadGrant> findUploadGrant(String objectKey) {
    return read(
        em -> Optional.ofNullable(em.find(UploadGrantEntity.class, objectKey)).map(Mapping::grant));
  }

  @Override
  public boolean claimUploadGrant(
      String objectKey, String claim, Instant now, Instant claimedUntil) {
    EntityManager em = em();
    forget(em, UploadGrantEntity.class, objectKey);
    // One statement decides: of two concurrent claims, the second waits for the first's row lock
    // and
    // then no longer matches (PostgreSQL re-checks the condition; InnoDB reads the committed row).
    return em.createQuery(
                "update UploadGrantEntity g set g.claimToken = :c, g.claimedUntil = :until"
                    + " where g.objectKey = :k and (g.claimToken is null or g.claimedUntil <= :now)")
            .setParameter("c", claim)
            .setParameter("until", claimedUntil)
            .setParameter("k", objectKey)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  @Override
  public boolean releaseUploadGrant(String objectKey, String claim) {
    EntityManager em = em();
    forget(em, UploadGrantEntity.class, objectKey);
    return em.createQuery(
                "update UploadGrantEntity g set g.claimToken = null, g.claimedUntil = null"
                    + " where g.objectKey = :k and g.claimToken = :c")
            .setParameter("k", objectKey)
            .setParameter("c", claim)
            .executeUpdate()
        == 1;
  }

  @Override
  public boolean deleteClaimedUploadGrant(String objectKey, String claim) {
    EntityManager em = em();
    forget(em, UploadGrantEntity.class, objectKey);
    return em.createQuery(
                "delete from UploadGrantEntity g where g.objectKey = :k and g.claimToken = :c")
            .setParameter("k", objectKey)
            .setParameter("c", claim)
            .executeUpdate()
        == 1;
  }

  @Override
  public boolean deleteUploadGrant(String objectKey) {
    EntityManager em = em();
    forget(em, UploadGrantEntity.class, objectKey);
    // A bulk delete reports whether this transaction removed the row: two confirmations of one
    // key race here, and the loser sees 0 (or waits for the winner's commit and then sees 0).
    return em.createQuery("delete from UploadGrantEntity g where g.objectKey = :k")
            .setParameter("k", objectKey)
            .executeUpdate()
        == 1;
  }

  @Override
  public List<UploadGrant> expiredUploadGrants(Instant cutoff, int limit) {
    return read(
        em ->
            em
                .createQuery(
                    "select g from UploadGrantEntity g where g.expiresAt <= :cutoff"
                        + " order by g.expiresAt, g.objectKey",
                    UploadGrantEntity.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(Mapping::grant)
                .toList());
  }

  // ------------------------------------------------------------------ object deletions

  @Override
  public void scheduleObjectDeletions(Collection<ObjectDeletion> deletions) {
    EntityManager em = em();
    for (ObjectDeletion d : deletions) {
      ObjectDeletionEntity e = em.find(ObjectDeletionEntity.class, d.objectKey());
      if (e == null) {
        e = new ObjectDeletionEntity();
        e.objectKey = d.objectKey();
        e.notBefore = d.notBefore();
        em.persist(e);
      } else if (d.notBefore().isAfter(e.notBefore)) {
        e.notBefore = d.notBefore();
      }
    }
  }

  @Override
  public List<ObjectDeletion> dueObjectDeletions(Instant now, int limit) {
    return read(
        em ->
            em
                .createQuery(
                    "select d from ObjectDeletionEntity d where d.notBefore <= :now"
                        + " order by d.notBefore, d.objectKey",
                    ObjectDeletionEntity.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(d -> new ObjectDeletion(d.objectKey, d.notBefore))
                .toList());
  }

  @Override
  public int cancelObjectDeletions(Collection<String> objectKeys) {
    List<String> keys = List.copyOf(new LinkedHashSet<>(objectKeys));
    if (keys.isEmpty()) {
      return 0;
    }
    EntityManager em = em();
    em.flush();
    keys.forEach(k -> em.detach(em.getReference(ObjectDeletionEntity.class, k)));
    return em.createQuery("delete from ObjectDeletionEntity d where d.objectKey in :keys")
        .setParameter("keys", keys)
        .executeUpdate();
  }

  /**
   * Before a bulk statement on a row: writes what the unit of work holds, then lets go of the row's
   * entity, which the statement would leave stale. A reference does not load anything.
   */
  private static void forget(EntityManager em, Class<?> entity, String id) {
    em.flush();
    em.detach(em.getReference(entity, id));
  }

  // ------------------------------------------------------------------ audit and outbox

  @Override
  public void appendAudit(AuditEntry entry) {
    em().persist(Mapping.audit(entry));
  }

  @Override
  public List<AuditEntry> history(String ticketId) {
    return read(
        em ->
            em
                .createQuery(
                    "select distinct e from AuditEntryEntity e left join fetch e.changes"
                        + " where e.ticketId = :id order by e.createdAt, e.seq",
                    AuditEntryEntity.class)
                .setParameter("id", ticketId)
                .getResultList()
                .stream()
                .map(Mapping::audit)
                .toList());
  }

  @Override
  public void enqueue(List<NotificationRequest> requests) {
    EntityManager em = em();
    requests.forEach(r -> em.persist(Mapping.outbox(OutboxEntry.of(r))));
  }

  // ------------------------------------------------------------------ idempotency keys

  @Override
  public Optional<IdempotencyRecord> findIdempotencyKey(String actorId, String key, Instant now) {
    return read(
        em ->
            Optional.ofNullable(
                    em.find(IdempotencyKeyEntity.class, new IdempotencyKeyEntity.Key(actorId, key)))
                .map(Mapping::idempotency)
                .filter(r -> !r.expiredAt(now)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The insert is flushed at once, so that a concurrent first use of the key (which the primary
   * key refuses, after waiting for the other unit of work to commit) fails here, as a {@link
   * ConflictException}.
   */
  @Override
  public void saveIdempotencyKey(IdempotencyRecord record) {
    EntityManager em = em();
    em.createQuery(
            "delete from IdempotencyKeyEntity k where k.actorId = :actor and k.key = :key"
                + " and k.expiresAt <= :now")
        .setParameter("actor", record.actorId())
        .setParameter("key", record.key())
        .setParameter("now", record.createdAt())
        .executeUpdate();
    try {
      em.persist(Mapping.idempotency(record));
      em.flush();
    } catch (RuntimeException e) {
      TicketingException coded = JpaFailures.translate(e);
      throw coded instanceof ConflictException
          ? ConflictException.conflict("idempotency key already recorded", e)
          : coded;
    }
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return read(
        em ->
            em.createQuery("delete from IdempotencyKeyEntity k where k.expiresAt <= :now")
                .setParameter("now", now)
                .executeUpdate());
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  /** Loads outbox rows with their data in one statement. */
  static List<OutboxEntity> withData(EntityManager em, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select distinct o from OutboxEntity o left join fetch o.data where o.id in :ids"
                + " order by o.nextAttemptAt, o.id",
            OutboxEntity.class)
        .setParameter("ids", ids)
        .getResultList();
  }
}
