package dev.ticketing.internal;

import dev.ticketing.AuditEntry;
import dev.ticketing.CounterSettings;
import dev.ticketing.PageRequest;
import dev.ticketing.TagCount;
import dev.ticketing.TicketDetails;
import dev.ticketing.TicketFilter;
import dev.ticketing.TicketPage;
import dev.ticketing.TicketStats;
import dev.ticketing.TicketView;
import dev.ticketing.TicketingOptions;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.Activity;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.validation.IdValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The read side: what an actor may see of tickets, as views. The store is asked for what the actor's
 * visibility allows; the {@link ViewAssembler} adds the directory's people and companies.
 */
final class TicketReads {

  private final TicketStore store;
  private final TicketingOptions options;
  private final Access access;
  private final ViewAssembler views;
  private final TagEdits tags;
  private final FieldRules fields;
  private final InputValidator validator = new InputValidator();

  /** The most tags one statistics call returns. */
  static final int MAX_TAG_STATS = 1000;

  TicketReads(
      TicketStore store,
      TicketingOptions options,
      Access access,
      ViewAssembler views,
      TagEdits tags,
      FieldRules fields) {
    this.store = store;
    this.options = options;
    this.access = access;
    this.views = views;
    this.tags = tags;
    this.fields = fields;
  }

  TicketDetails ticket(Actor actor, String ticketId) {
    InputValidator.checkId("id", ticketId);
    TicketRecord t = access.visible(actor, ticketId, Operation.VIEW_TICKET);
    boolean internal = access.readsInternalNotes(actor, t);
    return views.details(
        actor, t, store.comments(t.id(), internal), store.attachments(t.id(), internal));
  }

  Map<String, TicketDetails> details(Actor actor, Collection<String> ticketIds) {
    if (ticketIds == null) {
      throw ValidationException.of("ticketIds", "must not be null");
    }
    Set<String> ids = new LinkedHashSet<>();
    List<Violation> problems = new ArrayList<>();
    int index = 0;
    for (String id : ticketIds) {
      if (id == null || !IdValidator.isWellFormed(id)) {
        problems.add(
            new Violation(
                "ticketIds[" + index + "]",
                "must be an id of 1 to 128 letters, digits or . _ : @ -"));
      } else {
        ids.add(id);
      }
      index++;
    }
    if (ids.size() > options.listLimit()) {
      problems.add(new Violation("ticketIds", "must hold at most " + options.listLimit() + " ids"));
    }
    InputValidator.throwIfAny(problems);
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, TicketRecord> found = store.findTickets(ids);
    List<TicketRecord> visible = new ArrayList<>(ids.size());
    Map<String, List<CommentRecord>> comments = new LinkedHashMap<>();
    Map<String, List<AttachmentRecord>> attachments = new LinkedHashMap<>();
    for (String id : ids) {
      TicketRecord t = found.get(id);
      if (t == null || t.deleted() || !access.seesOrLogs(actor, t)) {
        continue;
      }
      // The store reads a ticket's comments and attachments per ticket; what matters to a caller is
      // that one call serves a whole list, with one directory call for all of it.
      boolean internal = access.readsInternalNotes(actor, t);
      visible.add(t);
      comments.put(id, store.comments(id, internal));
      attachments.put(id, store.attachments(id, internal));
    }
    return views.details(actor, visible, comments, attachments);
  }

  List<TicketView> list(Actor actor, TicketFilter given) {
    Listed listed =
        oneRead(
            actor,
            given,
            false,
            () -> {
              List<Violation> problems = new ArrayList<>(validator.violations("filter", given));
              TicketFilter filter = withFieldConditions(actor, given, problems);
              if (filter != null) {
                tags.checkFilter("tags", filter.tags(), problems);
              }
              InputValidator.throwIfAny(problems);
              return listed(actor, access.query(actor, filter, null, options.listLimit()));
            });
    return views.tickets(actor, listed.rows(), listed.visible());
  }

  TicketPage page(Actor actor, PageRequest page, TicketFilter given) {
    boolean withTotal = page != null && page.includeTotalCount();
    Listed listed =
        oneRead(
            actor,
            given,
            withTotal,
            () -> {
              List<Violation> problems = new ArrayList<>(validator.violations("page", page));
              problems.addAll(validator.violations("filter", given));
              TicketFilter filter = withFieldConditions(actor, given, problems);
              if (filter != null) {
                tags.checkFilter("tags", filter.tags(), problems);
              }
              Keyset after = null;
              if (page != null
                  && page.after() != null
                  && problems.stream().noneMatch(v -> v.field().equals("after"))) {
                try {
                  after = KeysetCursor.decode(page.after());
                } catch (ValidationException e) {
                  problems.addAll(e.violations());
                }
              }
              InputValidator.throwIfAny(problems);
              Listed rows = listed(actor, access.query(actor, filter, after, page.first() + 1));
              return withTotal ? rows.withTotal(total(rows.query())) : rows;
            });
    List<TicketRow> rows = listed.rows();
    boolean hasNext = rows.size() > page.first();
    if (hasNext) {
      rows = rows.subList(0, page.first());
    }
    List<TicketView> nodes = views.tickets(actor, rows, listed.visible());
    List<TicketPage.Edge> edges = new ArrayList<>(nodes.size());
    for (TicketView v : nodes) {
      edges.add(new TicketPage.Edge(v, KeysetCursor.encode(new Keyset(v.createdAt(), v.id()))));
    }
    String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    CountingTicketStore.Total total = listed.total();
    return new TicketPage(
        edges,
        new TicketPage.PageInfo(endCursor, hasNext),
        total == null ? null : total.count(),
        total != null && total.capped());
  }

  /** From the counters when they answer the filter, otherwise counted up to the cap. */
  private CountingTicketStore.Total total(TicketQuery query) {
    if (store instanceof CountingTicketStore counting) {
      return counting.total(query);
    }
    long cap = CounterSettings.DEFAULT_TOTAL_COUNT_CAP;
    long n = store.countAtMost(query, cap + 1);
    return n > cap
        ? new CountingTicketStore.Total(cap, true)
        : new CountingTicketStore.Total(n, false);
  }

  /**
   * A listing's query, its rows, what the actor may see of their custom field values, and the
   * page's total when it asked for one.
   */
  private record Listed(
      TicketQuery query,
      List<TicketRow> rows,
      FieldRules.Visible visible,
      CountingTicketStore.@Nullable Total total) {

    Listed withTotal(CountingTicketStore.Total t) {
      return new Listed(query, rows, visible, t);
    }
  }

  /**
   * Runs a listing's work in one unit of work when it reads more than the rows: the current field
   * definitions (a customer's, to leave staff-only values out; any with field conditions, to check
   * them), read beside the rows rather than in a transaction of their own, so that a field made
   * staff-only is hidden from every listing read after the change committed; or the page's total,
   * which then agrees with the rows and costs no transaction of its own. A staff listing without
   * field conditions or total reads no definitions and runs as the store's one read.
   */
  private Listed oneRead(
      Actor actor, @Nullable TicketFilter given, boolean withTotal, Supplier<Listed> work) {
    boolean definitions = !actor.isStaff() || given != null && !given.fields().isEmpty();
    boolean oneUnit = definitions || withTotal;
    return store.readFor(actor.id(), () -> oneUnit ? store.inTransaction(work) : work.get());
  }

  private Listed listed(Actor actor, TicketQuery query) {
    List<TicketRow> rows = store.list(query);
    boolean anyValues = rows.stream().anyMatch(r -> !r.ticket().fields().isEmpty());
    return new Listed(query, rows, fields.visibleTo(actor, anyValues), null);
  }

  TicketStats stats(Actor actor, @Nullable String companyId) {
    if (companyId != null) {
      InputValidator.checkId("companyId", companyId);
    }
    access.require(actor, Operation.VIEW_STATISTICS, "statistics");
    return store.readFor(actor.id(), () -> store.stats(access.visibleScope(actor), companyId));
  }

  List<TagCount> tagStats(Actor actor, @Nullable String companyId, int limit) {
    if (companyId != null) {
      InputValidator.checkId("companyId", companyId);
    }
    if (limit < 1 || limit > MAX_TAG_STATS) {
      throw ValidationException.of("limit", "must be 1 to " + MAX_TAG_STATS);
    }
    access.require(actor, Operation.VIEW_STATISTICS, "tag statistics");
    return store.readFor(
        actor.id(), () -> store.tagCounts(access.visibleScope(actor), companyId, limit));
  }

  List<AuditEntry> history(Actor actor, String ticketId) {
    InputValidator.checkId("id", ticketId);
    TicketRecord t = access.permitted(actor, ticketId, Operation.VIEW_HISTORY);
    List<AuditEntry> all = store.history(t.id());
    if (actor.isStaff()) {
      return all;
    }
    // Customers granted the history never see changes of fields shown to staff only.
    java.util.Set<String> shown = new java.util.HashSet<>();
    fields.latest().values().stream()
        .filter(dev.ticketing.FieldDefinition::customerVisible)
        .forEach(d -> shown.add(FieldRules.name(d.key())));
    List<AuditEntry> out = new ArrayList<>();
    for (AuditEntry e : all) {
      List<dev.ticketing.FieldChange> kept =
          e.changes().stream()
              .filter(c -> !FieldRules.isFieldChange(c.field()) || shown.contains(c.field()))
              .toList();
      if (kept.isEmpty() && e.action() == dev.ticketing.AuditAction.FIELDS_CHANGED) {
        continue;
      }
      out.add(
          new AuditEntry(
              e.id(), e.ticketId(), e.action(), e.actorId(), e.actorRole(), e.at(), kept));
    }
    return out;
  }

  /** The filter with its custom field conditions checked and in canonical form. */
  private TicketFilter withFieldConditions(
      Actor actor, TicketFilter filter, List<Violation> problems) {
    if (filter == null || filter.fields().isEmpty()) {
      return filter;
    }
    return filter.toBuilder().fields(fields.conditions(actor, filter.fields(), problems)).build();
  }

  /** Listing every ticket regardless of who is involved is an operation of its own. */
  void requireListAll(Actor actor) {
    access.require(actor, Operation.LIST_ALL_TICKETS, "admin listing");
  }

  /** The comment a recorded idempotency key names, if the actor may still read it. */
  CommentRecord replayedComment(Actor actor, String commentId) {
    return access.replayedComment(actor, commentId);
  }

  /** The ticket a recorded idempotency key names, as the actor sees it now. */
  TicketView replayTicket(Actor actor, String ticketId) {
    TicketRecord t = access.replayedTicket(actor, ticketId);
    Activity activity = store.activity(List.of(t.id())).getOrDefault(t.id(), Activity.NONE);
    return views.ticket(actor, t, activity);
  }
}
