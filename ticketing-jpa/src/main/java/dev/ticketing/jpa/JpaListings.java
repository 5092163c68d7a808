package dev.ticketing.jpa;

import dev.ticketing.Status;
import dev.ticketing.TagCount;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketStats;
import dev.ticketing.jpa.entity.TicketEntity;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TextMatching;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRow;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;

/**
 * The read side of a {@link JpaTicketStore} over many tickets: listings with their activity, counts,
 * statistics and tag counts, each a fixed number of statements whatever the page size.
 */
final class JpaListings {

  /** Core's active statuses, as the status column holds them. */
  private static final List<String> ACTIVE =
      Status.active().stream().map(Status::name).sorted().toList();

  private final JpaTicketStore store;

  /** Known after the first read: it depends on the database behind the entity manager factory. */
  private volatile @Nullable QueryDialect queryDialect;

  JpaListings(JpaTicketStore store) {
    this.store = store;
  }

  List<TicketRow> list(TicketQuery query) {
    return store.read(em -> CustomPlans.around(em, queryDialect(em), query, () -> rows(em, query)));
  }

  private List<TicketRow> rows(EntityManager em, TicketQuery query) {
    List<TicketEntity> tickets = tickets(em, query);
    Map<String, String> companies = new HashMap<>();
    tickets.forEach(t -> companies.put(t.id, t.companyId));
    Map<String, Activity> activity = activity(em, companies);
    List<TicketRow> rows = new ArrayList<>(tickets.size());
    for (TicketEntity t : tickets) {
      rows.add(new TicketRow(Mapping.ticket(t), activity.getOrDefault(t.id, Activity.NONE)));
    }
    return rows;
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
    List<String> weighed = b.tagsToWeigh();
    if (!weighed.isEmpty()) {
      b.drivenBy(farthestReaching(em, query, dialect, weighed));
    }
    TypedQuery<TicketEntity> q = em.createQuery(b.listHql(), TicketEntity.class);
    b.parameters().forEach(q::setParameter);
    return q.setMaxResults(query.limit()).getResultList();
  }

  /**
   * How many rows of each tag an "all of" page weighs ({@link #farthestReaching}): a few pages'
   * worth of index entries.
   */
  static final int TAG_SAMPLE = 100;

  /**
   * Of the tags every ticket of an "all of" page carries, the one to read the page from: the one
   * whose first {@link #TAG_SAMPLE} rows after the position (in the page's narrowing and order)
   * reach farthest, the one with fewest rows when some have fewer, the first on a tie. The page
   * reads that tag's rows in order and looks the others up per row, so it reads about as many rows
   * as the rarest tag near the page holds per match. Counting the tags' rows (or summing their
   * counters) would weigh them over all time and every company; this weighs them where the page is.
   */
  private static String farthestReaching(
      EntityManager em, TicketQuery query, QueryDialect dialect, List<String> tags) {
    boolean newestFirst = query.order() == SortOrder.NEWEST_FIRST;
    String best = tags.get(0);
    long bestCount = Long.MAX_VALUE;
    @Nullable Instant bestReach = null;
    for (String tag : tags) {
      TicketQueryBuilder w = TicketQueryBuilder.of(query, dialect);
      jakarta.persistence.Query q = em.createQuery(w.tagReachHql());
      w.parameters().forEach(q::setParameter);
      Object[] row =
          (Object[])
              q.setParameter("weighedTag", tag)
                  .setParameter("sample", TAG_SAMPLE)
                  .getSingleResult();
      long count = ((Number) row[0]).longValue();
      Instant reach = (Instant) row[1];
      boolean better;
      if (count < TAG_SAMPLE || bestCount < TAG_SAMPLE) {
        better = count < bestCount;
      } else {
        better =
            reach != null
                && bestReach != null
                && (newestFirst ? reach.isBefore(bestReach) : reach.isAfter(bestReach));
      }
      if (better || bestCount == Long.MAX_VALUE) {
        best = tag;
        bestCount = count;
        bestReach = reach;
      }
    }
    return best;
  }

  /**
   * {@link TextMatching#WORD_START} on MariaDB, where search runs on InnoDB FULLTEXT indexes;
   * {@link TextMatching#SUBSTRING} on PostgreSQL (trigram indexes) and H2.
   */
  TextMatching textMatching() {
    QueryDialect known = queryDialect;
    return known != null ? known.matching() : store.read(this::textMatching);
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

  long count(TicketQuery query) {
    return counted(query, TicketQueryBuilder::countHql, TypedQuery::getSingleResult);
  }

  /** At most {@code limit} of the matching tickets counted: the rows past it are never read. */
  long countAtMost(TicketQuery query, long limit) {
    return counted(
        query,
        TicketQueryBuilder::cappedCountHql,
        q ->
            Math.min(
                q.setParameter("countCap", (int) Math.min(limit, Integer.MAX_VALUE))
                    .getSingleResult(),
                limit));
  }

  /** One count of the query's tickets, in the statement {@code hql} writes, read by {@code result}. */
  private long counted(
      TicketQuery query,
      Function<TicketQueryBuilder, String> hql,
      Function<TypedQuery<Long>, Long> result) {
    return store.read(
        em ->
            CustomPlans.around(
                em,
                queryDialect(em),
                query,
                () -> {
                  TicketQueryBuilder b = TicketQueryBuilder.of(query, queryDialect(em));
                  TypedQuery<Long> q = em.createQuery(hql.apply(b), Long.class);
                  b.parameters().forEach(q::setParameter);
                  return result.apply(q);
                }));
  }

  Map<String, Activity> activity(Collection<String> ticketIds) {
    if (ticketIds.isEmpty()) {
      return Map.of();
    }
    return store.read(
        em -> {
          Map<String, Activity> out = activity(em, store.companies().of(em, ticketIds));
          // Every existing ticket gets an entry, with or without comments.
          em.createQuery("select t.id from TicketEntity t where t.id in :ids", String.class)
              .setParameter("ids", ticketIds)
              .getResultList()
              .forEach(id -> out.putIfAbsent(id, Activity.NONE));
          return out;
        });
  }

  /**
   * Two grouped statements for any number of tickets (by id, with their companies), each naming the
   * companies: one for a customer's page.
   */
  private static Map<String, Activity> activity(EntityManager em, Map<String, String> tickets) {
    Map<String, Activity> out = new HashMap<>();
    if (tickets.isEmpty()) {
      return out;
    }
    List<String> ids = List.copyOf(tickets.keySet());
    List<String> companies = tickets.values().stream().distinct().toList();
    List<Object[]> comments =
        em.createQuery(
                "select c.ticketId, count(c), sum(case when c.internal = false then 1 else 0 end),"
                    + " max(c.createdAt), max(case when c.internal = false then c.createdAt else null end)"
                    + " from CommentEntity c where c.companyId in :companies and c.ticketId in :ids"
                    + " group by c.ticketId",
                Object[].class)
            .setParameter("companies", companies)
            .setParameter("ids", ids)
            .getResultList();
    Map<String, long[]> attachments = new HashMap<>();
    em.createQuery(
            "select a.ticketId, count(a), sum(case when a.internal = false then 1 else 0 end)"
                + " from AttachmentEntity a where a.companyId in :companies and a.ticketId in :ids"
                + " group by a.ticketId",
            Object[].class)
        .setParameter("companies", companies)
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

  TicketStats stats(VisibilityScope scope, @Nullable String companyId) {
    return store.read(
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

  /**
   * Tickets per tag over the non-deleted tickets in scope: one grouped statement over the tag rows
   * joined to their tickets, with the listings' scope and filters.
   */
  List<TagCount> tagCounts(VisibilityScope scope, @Nullable String companyId, int limit) {
    return store.read(
        em -> {
          TicketFilter filter = TicketFilter.builder().companyId(companyId).build();
          TicketQueryBuilder b =
              TicketQueryBuilder.of(
                  new TicketQuery(
                      scope, filter, CommentSearch.NONE, SortOrder.NEWEST_FIRST, null, 0),
                  queryDialect(em));
          TypedQuery<Object[]> q =
              em.createQuery(
                  b.tagCountHql(
                      "select g.tag, count(t), count(t) filter (where t.status in :active)"),
                  Object[].class);
          b.parameters().forEach(q::setParameter);
          q.setParameter("active", ACTIVE);
          List<TagCount> out = new ArrayList<>();
          for (Object[] r : q.setMaxResults(limit).getResultList()) {
            out.add(new TagCount((String) r[0], number(r[1]), number(r[2])));
          }
          return out;
        });
  }
}
