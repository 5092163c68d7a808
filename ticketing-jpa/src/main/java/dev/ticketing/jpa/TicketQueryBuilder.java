package dev.ticketing.jpa;

import dev.ticketing.TicketFilter;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TextMatching;
import dev.ticketing.spi.TicketQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the HQL of a listing and of its count from a {@link TicketQuery}: visibility scope,
 * filters, search and keyset position, all as bound parameters (nothing from the input is ever
 * spliced into the query text). Keyset pagination bounds {@code (createdAt, id)} in an expanded form
 * (see {@link #keyset}) so that the indexes on {@code (..., created_at, id)} serve every page at
 * the same cost.
 *
 * <p>Long because every shape of a listing's query (the page, its exact and capped counts, tag
 * counts, aggregates and the probes of a search) shares one set of predicates, written here once.
 *
 * <p>A search that also matches comment text is written as the union of two arms, one matching
 * title or description and one matching comments, each already limited to the page. One query
 * with {@code title like ? or description like ? or exists (comment like ?)} cannot use the
 * trigram indexes of PostgreSQL for the ticket columns (an OR with a sub-plan is not an index
 * condition), and the planner, guessing half the rows match, walks the newest-first index through
 * every ticket: 3 to 4 s for a rare term at a million tickets. Each arm on its own is estimated
 * well and picks its index (trigram for a rare term, newest-first for a common one): 1 to 20 ms.
 * Where the dialect splits a customer's scope ({@link QueryDialect#splitCopied()}), their own
 * tickets and those that copy them are arms of the same kind ({@link #arms()}).
 *
 * <p>Where the store matches {@link TextMatching#WORD_START} (MariaDB), each match is an InnoDB
 * {@code FULLTEXT} condition ({@link MariaDbFullText}) that finds the candidates, and the same
 * {@code LIKE} on the lower-cased text, compared byte for byte, that keeps only those containing the
 * whole term. A term without a word the index can look up is matched by the {@code LIKE} alone.
 */
final class TicketQueryBuilder {
  /** LIKE escape character; '!' rather than '\' because MariaDB treats backslashes in literals. */
  private static final char ESCAPE = '!';

  private static final String LIKE = " like :term escape '" + ESCAPE + "'";

  private final TicketQuery query;
  private final @Nullable String term;

  /** The boolean-mode FULLTEXT query, when the store matches word starts and the term has a word to look up. */
  private final @Nullable String fullText;

  private final TextMatching matching;
  private final QueryDialect dialect;

  /** The column an equality fixes and whose index serves the page, or null (see {@link #leadingColumn}). */
  private final @Nullable String lead;

  /** The part of a customer's scope the predicates being written keep ({@link #union}). */
  private ScopeHql.Part scopePart = ScopeHql.Part.WHOLE;

  /** The status equality is written as a one-value range ({@link QueryDialect#statusAsRange()}). */
  private final boolean statusRange;

  /**
   * The tags every ticket of the page carries, when the page is read from the rows of the first
   * ({@code g0}); the others are looked up per row. Empty: the ticket rows.
   */
  private List<String> drivingTags;

  /** The company the tag rows are narrowed to, when the scope or the filter fixes one. */
  private final @Nullable String tagCompany;

  /** The requester the tag rows are narrowed to, when the scope or the filter fixes one. */
  private final @Nullable String tagRequester;

  /** Building a probe: the matches use {@code LIKE} without the FULLTEXT condition. */
  private boolean likeOnly;

  private final Map<String, Object> params = new LinkedHashMap<>();

  private TicketQueryBuilder(TicketQuery query, QueryDialect dialect) {
    this.query = query;
    this.dialect = dialect;
    this.matching = dialect.matching();
    this.lead = leadingColumn(query);
    String searchTerm = query.filter().searchTerm();
    this.drivingTags =
        readsTagRows(query, lead) ? TagFilterHql.drivingTags(query.filter()) : List.of();
    String company =
        query.scope().companyId() != null ? query.scope().companyId() : query.filter().companyId();
    String requester =
        query.scope().requesterId() != null && !query.scope().orCopied()
            ? query.scope().requesterId()
            : query.filter().requesterId();
    // One person's own tickets: their rows of the tag (ix_ticket_tag_requester), narrower than the
    // company's (whose condition is then checked on the same rows, or on the ticket where the
    // database would plan the two equalities as a ref on one of them:
    // QueryDialect#tagRowsByRequesterAlone).
    this.tagRequester = drivingTags.isEmpty() ? null : requester;
    this.tagCompany =
        drivingTags.isEmpty() || requester != null && dialect.tagRowsByRequesterAlone()
            ? null
            : company;
    this.statusRange = dialect.statusAsRange() && "status".equals(lead) && drivingTags.isEmpty();
    // The term arrives normalised (stripped, never blank): TicketQuery sees to that for every
    // store.
    this.term =
        searchTerm == null
            ? null
            : "%" + DelimitedList.escapeLike(searchTerm.toLowerCase(Locale.ROOT)) + "%";
    this.fullText =
        term == null || matching != TextMatching.WORD_START
            ? null
            : MariaDbFullText.booleanQuery(Objects.requireNonNull(searchTerm));
  }

  static TicketQueryBuilder of(TicketQuery query) {
    return new TicketQueryBuilder(query, QueryDialect.STANDARD);
  }

  /** A builder for the store's database. */
  static TicketQueryBuilder of(TicketQuery query, QueryDialect dialect) {
    return new TicketQueryBuilder(query, dialect);
  }

  /**
   * The column whose index serves the page: the most selective one an equality of the scope or the
   * filter fixes (requester, creator, assignee, company, then status; a requester-or-CC scope fixes
   * only its company), each the first column of an index
   * ending in {@code (created_at, id)}. Where the database needs it ({@link QueryDialect}), it leads
   * the {@code order by}, which a column fixed to one value does not change.
   */
  private static @Nullable String leadingColumn(TicketQuery query) {
    VisibilityScope scope = query.scope();
    TicketFilter f = query.filter();
    if (scope.requesterId() != null && !scope.orCopied() || f.requesterId() != null) {
      return "requesterId";
    }
    if (f.createdBy() != null) {
      return "createdBy";
    }
    if (scope.assigneeId() != null
        || f.assignedToId() != null
        || Boolean.TRUE.equals(f.unassigned())) {
      return "assigneeId";
    }
    if (scope.companyId() != null || f.companyId() != null) {
      return "companyId";
    }
    return f.status() != null ? "status" : null;
  }

  /**
   * Whether a page narrowed by tags is read from their rows ({@link TagFilterHql}): unless a creator
   * fixes the ticket index of one person's own tickets (they are read in order and each one's tags
   * looked up), or a search decides the reading (its own indexes). A requester narrows the tag rows
   * through {@code ix_ticket_tag_requester}, a company (from the scope or the filter) through {@code
   * ix_ticket_tag_company}; an assignee, a status and the other filters are checked on each ticket
   * as the tag rows are read in order.
   */
  private static boolean readsTagRows(TicketQuery query, @Nullable String lead) {
    return query.filter().searchTerm() == null && !"createdBy".equals(lead);
  }

  /**
   * The tags of an "all of" page read from tag rows, when there are several to choose the driving
   * one from ({@link #drivenBy}); empty otherwise.
   */
  List<String> tagsToWeigh() {
    return drivingTags.size() > 1 ? drivingTags : List.of();
  }

  /**
   * How far the first {@code :sample} rows of the tag {@code :weighedTag} reach from the page's
   * position, in the page's narrowing and order: their number and the creation time of the last one
   * (the caller binds the two parameters). Reads at most that many index entries.
   */
  String tagReachHql() {
    boolean newestFirst = query.order() == SortOrder.NEWEST_FIRST;
    List<String> where = new ArrayList<>();
    // A one-value range on MariaDB, as for the page (see where): ref would walk from the first row.
    where.add(
        dialect.statusAsRange()
            ? "g.tag >= :weighedTag and g.tag <= :weighedTag"
            : "g.tag = :weighedTag");
    tagNarrowing(where, "g");
    Keyset after = query.after();
    if (after != null) {
      where.add(KeysetCondition.after("g.createdAt", "g.ticketId", newestFirst ? "<" : ">"));
      params.put("afterCreatedAt", after.createdAt());
      params.put("afterId", after.id());
    }
    String order = tagRowsOrderBy("g");
    return "select count(*), "
        + (newestFirst ? "min" : "max")
        + "(m.c) from (select g.createdAt c from TicketTagEntity g where "
        + String.join(" and ", where)
        + order
        + " limit :sample) m";
  }

  /**
   * Reads the page from the rows of {@code tag}, one of {@link #tagsToWeigh}, looking the others up
   * per row.
   */
  void drivenBy(String tag) {
    List<String> tags = new ArrayList<>(drivingTags);
    if (!tags.remove(tag)) {
      throw new IllegalArgumentException("not a tag of the filter: " + tag);
    }
    tags.add(0, tag);
    drivingTags = List.copyOf(tags);
  }

  /**
   * The page: tickets after the keyset position, in the query's order. The caller limits the
   * result to {@link TicketQuery#limit()} rows.
   */
  String listHql() {
    if (!drivingTags.isEmpty()) {
      // One row per ticket: the tag rows' primary key is (ticket_id, tag).
      return "select t from TicketTagEntity g0 join TicketEntity t on t.id = g0.ticketId"
          + where("t", true, null, true)
          + tagRowsOrderBy("g0");
    }
    String orderBy = orderBy("t");
    List<Arm> arms = arms();
    if (arms.size() == 1) {
      return "select t from TicketEntity t" + where("t", true, textMatch("t")) + orderBy;
    }
    params.put("pageLimit", query.limit());
    return "select t from TicketEntity t join ("
        + union(arms, true, true, " limit :pageLimit")
        + ") m on m.id = t.id"
        + orderBy;
  }

  /** How many tickets match, whatever the keyset position. */
  String countHql() {
    List<Arm> arms = arms();
    if (arms.size() == 1) {
      return "select count(t) from TicketEntity t" + where("t", false, textMatch("t"));
    }
    return "select count(*) from (" + union(arms, false, false, null) + ") m";
  }

  /**
   * How many tickets match, reading at most {@code :countCap} of them (the caller binds it), in
   * the page's order so that the page's index serves it: where the query is a union of arms each
   * arm counts up to the cap, so that the union is exact below the cap and at least the cap above
   * it.
   */
  String cappedCountHql() {
    List<Arm> arms = arms();
    if (arms.size() == 1) {
      return "select count(*) from (select t.id id from TicketEntity t"
          + where("t", false, textMatch("t"))
          + orderBy("t")
          + " limit :countCap) m";
    }
    return "select count(*) from (" + union(arms, false, true, " limit :countCap") + ") m";
  }

  /**
   * One part of a query written as a union: which match of a search it keeps (title or
   * description, or comments) and which part of a customer's scope (their own tickets, or those
   * that copy them).
   */
  private record Arm(boolean comments, ScopeHql.Part scope) {}

  /**
   * The arms of the query: one, unless it searches comments too (an arm matching title or
   * description and one matching comments, see the class comment) or the dialect splits a
   * customer's scope ({@link QueryDialect#splitCopied()}: an arm of their own tickets and one of
   * those that copy them); both, four arms.
   */
  private List<Arm> arms() {
    VisibilityScope scope = query.scope();
    List<ScopeHql.Part> parts =
        dialect.splitCopied() && scope.requesterId() != null && scope.orCopied()
            ? List.of(ScopeHql.Part.REQUESTED, ScopeHql.Part.COPIED)
            : List.of(ScopeHql.Part.WHOLE);
    List<Arm> arms = new ArrayList<>();
    for (boolean comments : searchesComments() ? List.of(false, true) : List.of(false)) {
      for (ScopeHql.Part part : parts) {
        arms.add(new Arm(comments, part));
      }
    }
    return arms;
  }

  /**
   * The ids of the tickets the arms match, as a union (each ticket once): each arm after the
   * keyset position when asked, in the page's order when asked, and followed by {@code limit}.
   */
  private String union(
      List<Arm> arms, boolean withKeyset, boolean ordered, @Nullable String limit) {
    List<String> selects = new ArrayList<>();
    for (int i = 0; i < arms.size(); i++) {
      Arm arm = arms.get(i);
      String a = "a" + i;
      ScopeHql.Part saved = scopePart;
      scopePart = arm.scope();
      try {
        selects.add(
            "(select "
                + a
                + ".id id from TicketEntity "
                + a
                + where(a, withKeyset, arm.comments() ? commentMatch(a) : textMatch(a))
                + (ordered ? orderBy(a) : "")
                + (limit == null ? "" : limit)
                + ")");
      } finally {
        scopePart = saved;
      }
    }
    return String.join(" union ", selects);
  }

  /**
   * Tickets per tag over the matching tickets: {@code select} (of {@code g.tag} and aggregates of
   * {@code t}) over the tag rows joined to their tickets, most used first, then by tag.
   */
  String tagCountHql(String select) {
    return select
        + " from TicketTagEntity g join TicketEntity t on t.companyId = g.companyId"
        + " and t.id = g.ticketId"
        + where("t", false, null)
        + " group by g.tag order by count(t) desc, g.tag";
  }

  /** An aggregate over the matching tickets: {@code select} then the query's scope and filters. */
  String aggregateHql(String select) {
    return select + " from TicketEntity t" + where("t", false, textMatch("t"));
  }

  /**
   * Whether a page is first looked for by a bounded probe ({@link #windowEdgeHql}, {@link #probeHql}):
   * on MariaDB, a FULLTEXT match of a common word reads and sorts every ticket holding it (12 s for
   * a word in a third of a million tickets), while the newest-first walk with {@code LIKE} finds a
   * page of them among the first few hundred tickets.
   */
  boolean probes() {
    return fullText != null;
  }

  /**
   * The creation time of the tickets in scope, after the keyset position, in the query's order:
   * the caller reads the one at the window's far edge (first result {@code window - 1}).
   */
  String windowEdgeHql() {
    return "select t.createdAt from TicketEntity t" + where("t", true, null) + orderBy("t");
  }

  /**
   * The page among the tickets no further than {@code edge} (all of them when null), matched
   * without the index: the {@code LIKE}, and each word the FULLTEXT query requires found at the
   * beginning of a word by {@code regexp}, so that the probe finds exactly what the index would. When it fills the page, it is the page: every match beyond the edge comes
   * after it in the query's order.
   */
  String probeHql(@Nullable Instant edge) {
    likeOnly = true;
    String match =
        searchesComments()
            ? "(" + textMatch("t") + " or " + commentMatch("t") + ")"
            : textMatch("t");
    if (edge != null) {
      params.put("windowEdge", edge);
      match +=
          query.order() == SortOrder.NEWEST_FIRST
              ? " and t.createdAt >= :windowEdge"
              : " and t.createdAt <= :windowEdge";
    }
    return "select t from TicketEntity t" + where("t", true, match) + orderBy("t");
  }

  /** The parameters of the query built last. */
  Map<String, Object> parameters() {
    return params;
  }

  private boolean searchesComments() {
    return term != null && query.commentSearch() != CommentSearch.NONE;
  }

  /**
   * The page's order on the tag rows {@code g}, which is their index's ({@code ..., created_at,
   * ticket_id}).
   */
  private String tagRowsOrderBy(String g) {
    boolean newestFirst = query.order() == SortOrder.NEWEST_FIRST;
    String fixed = newestFirst ? " asc, " : " desc, ";
    // H2 needs the fixed columns of the index in the order; MariaDB the tag written as a range
    // (where), which it otherwise sorts by.
    String narrowing =
        tagRequester != null ? g + ".requesterId" : tagCompany != null ? g + ".companyId" : null;
    String leading =
        dialect.leadInOrder()
            ? (narrowing == null ? "" : narrowing + fixed) + g + ".tag" + fixed
            : dialect.statusAsRange() ? g + ".tag" + fixed : "";
    return newestFirst
        ? " order by " + leading + g + ".createdAt desc, " + g + ".ticketId desc"
        : " order by " + leading + g + ".createdAt asc, " + g + ".ticketId asc";
  }

  private String orderBy(String t) {
    boolean newestFirst = query.order() == SortOrder.NEWEST_FIRST;
    // The index is (lead, created_at desc, id desc): newest first reads it forwards, oldest first
    // backwards.
    String leading =
        lead == null || !(dialect.leadInOrder() || statusRange)
            ? ""
            : t + "." + lead + (newestFirst ? " asc, " : " desc, ");
    return newestFirst
        ? " order by " + leading + t + ".createdAt desc, " + t + ".id desc"
        : " order by " + leading + t + ".createdAt asc, " + t + ".id asc";
  }

  /** Title or description contains the term (null when not searching). */
  private @Nullable String textMatch(String t) {
    if (term == null) {
      return null;
    }
    params.put("term", term);
    String like =
        "(" + lower(t + ".title") + LIKE + " or " + lower(t + ".description") + LIKE + ")";
    if (fullText == null) {
      return like;
    }
    if (likeOnly) {
      StringBuilder words = new StringBuilder(like);
      for (String word : wordParams()) {
        words
            .append(" and (")
            .append(MariaDbFullText.WORD_START)
            .append("(")
            .append(t)
            .append(".title, :")
            .append(word)
            .append(") = 1 or ")
            .append(MariaDbFullText.WORD_START)
            .append("(")
            .append(t)
            .append(".description, :")
            .append(word)
            .append(") = 1)");
      }
      return "(" + words + ")";
    }
    params.put("fullText", fullText);
    return "("
        + MariaDbFullText.MATCH_TICKET
        + "("
        + t
        + ".title, "
        + t
        + ".description, :fullText) > 0 and "
        + like
        + ")";
  }

  /** A comment the actor may read contains the term. */
  private String commentMatch(String t) {
    params.put("term", Objects.requireNonNull(term, "only a search matches comments"));
    return "exists (select 1 from CommentEntity c where c.companyId = "
        + t
        + ".companyId and c.ticketId = "
        + t
        + ".id"
        + (query.commentSearch() == CommentSearch.PUBLIC ? " and c.internal = false" : "")
        + (fullText == null
            ? ""
            : likeOnly
                ? commentWordStarts()
                : " and " + MariaDbFullText.MATCH_COMMENT + "(c.content, :fullText) > 0")
        + " and "
        + lower("c.content")
        + LIKE
        + ")";
  }

  private String commentWordStarts() {
    StringBuilder out = new StringBuilder();
    for (String word : wordParams()) {
      out.append(" and ")
          .append(MariaDbFullText.WORD_START)
          .append("(c.content, :")
          .append(word)
          .append(") = 1");
    }
    return out.toString();
  }

  /** In a probe, each word the FULLTEXT query requires, as a bound pattern; their parameter names. */
  private List<String> wordParams() {
    List<String> patterns =
        MariaDbFullText.wordStartPatterns(Objects.requireNonNull(query.filter().searchTerm()));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      names.add("word" + i);
      params.put("word" + i, patterns.get(i));
    }
    return names;
  }

  /**
   * The lower-cased text, compared byte for byte on MariaDB: its searched columns have a
   * case-insensitive collation for the FULLTEXT index, under which {@code LIKE} would also equate
   * accented and plain letters, which a substring search does not.
   */
  private String lower(String path) {
    return matching == TextMatching.WORD_START
        ? "collate(lower(" + path + ") as utf8mb4_bin)"
        : "lower(" + path + ")";
  }

  /** Scope, filters, the given match, and (when asked) the keyset position, for the ticket alias {@code t}. */
  private String where(String t, boolean withKeyset, @Nullable String match) {
    return where(t, withKeyset, match, false);
  }

  /**
   * As {@link #where(String, boolean, String)}; {@code tagRows}: the query reads the driving tag's
   * rows as {@code g0}, which carry the keyset position, and looks the other tags up per row.
   */
  private String where(String t, boolean withKeyset, @Nullable String match, boolean tagRows) {
    List<String> where = new ArrayList<>();
    if (tagRows) {
      // MariaDB plans an equality on a common tag as ref and walks the tag's rows from their
      // first entry to the position; a one-value range enters them at the position (as for a
      // status, QueryDialect#statusAsRange).
      where.add(
          dialect.statusAsRange()
              ? "g0.tag >= :drivingTag and g0.tag <= :drivingTag"
              : "g0.tag = :drivingTag");
      params.put("drivingTag", drivingTags.get(0));
      tagNarrowing(where, "g0");
      if (drivingTags.size() > 1) {
        // The other tags, looked up per row by the primary key (ticket_id, tag): a count the
        // planners cannot turn into a join, so neither reads another tag's rows first and sorts.
        where.add(
            "(select count(*) from TicketTagEntity gx where gx.companyId = g0.companyId"
                + " and gx.ticketId = g0.ticketId and gx.tag in :otherTags) = :otherTagCount");
        params.put("otherTags", drivingTags.subList(1, drivingTags.size()));
        params.put("otherTagCount", (long) drivingTags.size() - 1);
      }
    }
    VisibilityScope scope = query.scope();
    if (scope.nothing()) {
      where.add("1 = 0");
    }
    // A requester or company the tag rows are narrowed to is not repeated on the ticket where the
    // database would read the ticket's index for it first (QueryDialect#narrowTagRowsOnly): the
    // rows carry the ticket's.
    if (scope.orCopied() || !onTagRows(tagRows, tagRequester, scope.requesterId())) {
      ScopeHql.requester(where, params, t, scope, scopePart, ESCAPE);
    }
    if (scopePart == ScopeHql.Part.REQUESTED && scope.companyId() != null) {
      // Checked on each of the requester's tickets but kept out of the indexes' reach: PostgreSQL
      // would combine the company's index entries with the requester's in a bitmap, multiplying
      // their selectivities (300 rows expected where the busiest customer has 26,000 at ten
      // million tickets), and read every one of the customer's tickets for a rare word (457 ms)
      // instead of narrowing them by the word's trigram indexes first (24 ms).
      where.add("concat(" + t + ".companyId, '') = :scopeCompanyId");
      params.put("scopeCompanyId", scope.companyId());
    } else if (!onTagRows(tagRows, tagCompany, scope.companyId())) {
      eq(where, t + ".companyId", "scopeCompanyId", scope.companyId());
    }
    eq(where, t + ".assigneeId", "scopeAssigneeId", scope.assigneeId());

    TicketFilter f = query.filter();
    if (!f.includeDeleted()) {
      where.add(t + ".deletedAt is null");
    }
    if (f.status() != null && statusRange) {
      where.add(t + ".status >= :status and " + t + ".status <= :status");
      params.put("status", f.status().name());
    } else {
      eq(where, t + ".status", "status", f.status() == null ? null : f.status().name());
    }
    eq(where, t + ".priority", "priority", f.priority() == null ? null : f.priority().name());
    eq(where, t + ".category", "category", f.category() == null ? null : f.category().name());
    if (!onTagRows(tagRows, tagCompany, f.companyId())) {
      eq(where, t + ".companyId", "companyId", f.companyId());
    }
    eq(where, t + ".assigneeId", "assignedToId", f.assignedToId());
    eq(where, t + ".createdBy", "createdBy", f.createdBy());
    if (!onTagRows(tagRows, tagRequester, f.requesterId())) {
      eq(where, t + ".requesterId", "requesterId", f.requesterId());
    }
    TagFilterHql.add(where, params, t, f, tagRows);
    FieldFilterHql.add(where, params, t, f);
    SlaStandingHql.add(where, params, t, f, query.now());
    if (f.unassigned() != null) {
      where.add(t + (f.unassigned() ? ".assigneeId is null" : ".assigneeId is not null"));
    }
    if (f.createdFrom() != null) {
      where.add(t + ".createdAt >= :createdFrom");
      params.put("createdFrom", f.createdFrom());
    }
    if (f.createdTo() != null) {
      where.add(t + ".createdAt < :createdTo");
      params.put("createdTo", f.createdTo());
    }
    if (match != null) {
      where.add(match);
    }
    Keyset after = query.after();
    if (withKeyset && after != null) {
      String op = query.order() == SortOrder.NEWEST_FIRST ? "<" : ">";
      if (tagRows) {
        where.add(KeysetCondition.after("g0.createdAt", "g0.ticketId", op));
      } else {
        where.add(KeysetCondition.after(t, op));
      }
      params.put("afterCreatedAt", after.createdAt());
      params.put("afterId", after.id());
    }
    return where.isEmpty() ? "" : " where " + String.join(" and ", where);
  }

  /**
   * Whether the tag rows the page reads ({@code tagRows}) are narrowed to {@code value} already, and
   * the database reads the page best without the same equality on the ticket ({@link
   * QueryDialect#narrowTagRowsOnly()}).
   */
  private boolean onTagRows(boolean tagRows, @Nullable String narrowing, @Nullable String value) {
    return tagRows && dialect.narrowTagRowsOnly() && value != null && value.equals(narrowing);
  }

  /** The requester or company the tag rows {@code g} are narrowed to (through their indexes). */
  private void tagNarrowing(List<String> where, String g) {
    if (tagRequester != null) {
      where.add(g + ".requesterId = :tagRequester");
      params.put("tagRequester", tagRequester);
    }
    if (tagCompany != null) {
      where.add(g + ".companyId = :tagCompany");
      params.put("tagCompany", tagCompany);
    }
  }

  private void eq(List<String> where, String path, String name, @Nullable Object value) {
    if (value != null) {
      where.add(path + " = :" + name);
      params.put(name, value);
    }
  }
}
