package dev.ticketing.internal;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.NotFoundException;
import dev.ticketing.Status;
import dev.ticketing.TicketFilter;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.Keyset;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import dev.ticketing.validation.IdValidator;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may see and do what, asked of the permission policy with the ticket in hand. A ticket the
 * actor may not see is answered "not found", an operation they may not perform on a ticket they
 * see "access denied"; both are refusals, and every refusal is logged once at INFO with ids only,
 * so that probing across tenants shows in the log.
 */
final class Access {

  // Refusals are logged under the engine's one name, which hosts filter on.
  private static final Logger log = LoggerFactory.getLogger(DefaultTicketService.class);

  private final TicketStore store;
  private final PermissionPolicy policy;
  private final Clock clock;

  Access(TicketStore store, PermissionPolicy policy) {
    this(store, policy, Clock.systemUTC());
  }

  /** Access whose listings are judged at {@code clock}'s time (the SLA standing filter). */
  Access(TicketStore store, PermissionPolicy policy, Clock clock) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Loads a ticket the actor may see, for {@code operation}; anything else is "not found". A ticket
   * that exists but that the policy hides from the actor is a refusal, logged as one. For reading:
   * a change uses {@link #visibleToChange}.
   */
  TicketRecord visible(Actor actor, @Nullable String ticketIdOrNull, Operation operation) {
    return visible(actor, ticketIdOrNull, operation, false);
  }

  /**
   * Like {@link #visible}, the ticket read for a change ({@link TicketStore#findTicketForChange}):
   * the unit of work holds it, and reads the clock only afterwards, so that concurrent changes of
   * one ticket are recorded in the order they commit.
   */
  TicketRecord visibleToChange(Actor actor, @Nullable String ticketIdOrNull, Operation operation) {
    return visible(actor, ticketIdOrNull, operation, true);
  }

  private TicketRecord visible(
      Actor actor, @Nullable String ticketIdOrNull, Operation operation, boolean toChange) {
    String ticketId = InputValidator.checkId("ticketId", ticketIdOrNull);
    TicketRecord t = find(ticketId, toChange).orElse(null);
    if (t == null || t.deleted()) {
      throw new NotFoundException("ticket", ticketId);
    }
    if (!policy.permits(actor, Operation.VIEW_TICKET, t)) {
      throw hidden(actor, operation, "ticket", ticketId, "");
    }
    return t;
  }

  private Optional<TicketRecord> find(String ticketId, boolean toChange) {
    return toChange ? store.findTicketForChange(ticketId) : store.findTicket(ticketId);
  }

  /**
   * Before a change of two tickets: when {@code second} sorts before {@code first}, holds it now,
   * so that every unit holds a pair of tickets in the order of their ids and two units changing the
   * same pair (linking them both ways at once, say) wait for each other instead of deadlocking.
   * Nothing is checked or answered here; the caller reads both with {@link #visibleToChange}.
   */
  void holdInIdOrder(@Nullable String first, @Nullable String second) {
    if (first != null
        && second != null
        && second.compareTo(first) < 0
        && IdValidator.isWellFormed(second)) {
      store.findTicketForChange(second);
    }
  }

  /** A ticket the actor sees and may perform {@code operation} on, for reading. */
  TicketRecord permitted(Actor actor, @Nullable String ticketId, Operation operation) {
    TicketRecord t = visible(actor, ticketId, operation);
    require(actor, operation, t);
    return t;
  }

  /** A ticket the actor sees and may change by {@code operation}, held for the change. */
  TicketRecord permittedToChange(Actor actor, @Nullable String ticketId, Operation operation) {
    TicketRecord t = visibleToChange(actor, ticketId, operation);
    require(actor, operation, t);
    return t;
  }

  /**
   * For restore and purge: deleted tickets exist for those who may list deleted tickets. Held for
   * the change.
   */
  TicketRecord deletedOrVisible(Actor actor, String ticketId, Operation operation) {
    TicketRecord t = store.findTicketForChange(ticketId).orElse(null);
    if (t == null) {
      throw new NotFoundException("ticket", ticketId);
    }
    boolean seen =
        t.deleted()
            ? policy.permits(actor, Operation.VIEW_DELETED, t)
            : policy.permits(actor, Operation.VIEW_TICKET, t);
    if (!seen) {
      throw hidden(actor, operation, "ticket", ticketId, "");
    }
    if (!policy.permits(actor, operation, t)) {
      throw denied(actor, operation, "ticket " + ticketId);
    }
    return t;
  }

  void require(Actor actor, Operation operation, TicketRecord t) {
    if (!policy.permits(actor, operation, t)) {
      throw denied(actor, operation, "ticket " + t.id() + " in " + t.status());
    }
  }

  /** An operation that concerns no one ticket (listing everything, statistics). */
  void require(Actor actor, Operation operation, String what) {
    if (!policy.permits(actor, operation)) {
      throw denied(actor, operation, what);
    }
  }

  void requireCreate(Actor actor, String companyId) {
    if (!policy.permitsCreate(actor, companyId)) {
      throw denied(actor, Operation.CREATE_TICKET, "company " + companyId);
    }
  }

  void requireCreateOnBehalf(Actor actor, String companyId) {
    // Customers never raise tickets for others, whatever a custom policy says.
    if (!actor.isStaff() || !policy.permitsCreateOnBehalf(actor, companyId)) {
      throw denied(actor, Operation.RAISE_ON_BEHALF, "company " + companyId);
    }
  }

  void requireStatusChange(Actor actor, TicketRecord t, Status target) {
    if (!policy.permitsStatusChange(actor, t, target)) {
      throw denied(
          actor, Operation.CHANGE_STATUS, "ticket " + t.id() + " " + t.status() + " -> " + target);
    }
  }

  /** Whether a bulk resolve may resolve this ticket; a refusal is logged, not thrown. */
  boolean mayResolveInBulk(Actor actor, TicketRecord t) {
    if (!policy.permitsStatusChange(actor, t, Status.RESOLVED)) {
      denied(
          actor,
          Operation.CHANGE_STATUS,
          "ticket " + t.id() + " " + t.status() + " -> RESOLVED (bulk)");
      return false;
    }
    return true;
  }

  boolean sees(Actor actor, TicketRecord t) {
    return policy.permits(actor, Operation.VIEW_TICKET, t);
  }

  /** Like {@link #sees}, but a ticket hidden from the actor is logged as a refusal. */
  boolean seesOrLogs(Actor actor, TicketRecord t) {
    if (sees(actor, t)) {
      return true;
    }
    logHidden(actor, Operation.VIEW_TICKET, "ticket", t.id(), "");
    return false;
  }

  boolean readsInternalNotes(Actor actor, TicketRecord t) {
    return policy.permits(actor, Operation.VIEW_INTERNAL_NOTES, t);
  }

  /** The ticket a recorded idempotency key names, if the actor may still see it. */
  TicketRecord replayedTicket(Actor actor, String ticketId) {
    TicketRecord t =
        store.findTicket(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    if (!sees(actor, t)) {
      throw hidden(actor, Operation.VIEW_TICKET, "ticket", ticketId, "(idempotent repeat)");
    }
    return t;
  }

  /** The comment a recorded idempotency key names, if the actor may still read it. */
  CommentRecord replayedComment(Actor actor, String commentId) {
    CommentRecord c =
        store.findComment(commentId).orElseThrow(() -> new NotFoundException("comment", commentId));
    TicketRecord t =
        store
            .findTicket(c.ticketId())
            .orElseThrow(() -> new NotFoundException("comment", commentId));
    if (!sees(actor, t) || (c.internal() && !readsInternalNotes(actor, t))) {
      throw hidden(actor, Operation.VIEW_TICKET, "comment", commentId, "(idempotent repeat)");
    }
    return c;
  }

  /** A comment of {@code t} that the actor may attach a file to. */
  CommentRecord linkableComment(Actor actor, TicketRecord t, String commentId) {
    CommentRecord comment =
        store
            .findComment(commentId)
            .filter(c -> c.ticketId().equals(t.id()))
            .orElseThrow(() -> new NotFoundException("comment", commentId));
    if (comment.internal() && !readsInternalNotes(actor, t)) {
      // An internal note does not exist for whoever may not read it; the attempt is logged all the
      // same.
      throw hidden(
          actor, Operation.VIEW_INTERNAL_NOTES, "comment", commentId, "of ticket " + t.id());
    }
    // A file on a comment reads as part of it: only its author, or staff, may add one.
    if (!actor.isStaff() && !comment.authorId().equals(actor.id())) {
      throw denied(
          actor,
          Operation.ATTACH_FILE,
          "comment " + commentId + " of ticket " + t.id() + " by another author");
    }
    return comment;
  }

  /** A list query scoped to what the actor may see and search. */
  TicketQuery query(Actor actor, TicketFilter filter, @Nullable Keyset after, int limit) {
    if (filter.includeDeleted() && !policy.permits(actor, Operation.VIEW_DELETED)) {
      throw denied(actor, Operation.VIEW_DELETED, "includeDeleted");
    }
    if (!filter.tags().isEmpty() && !actor.isStaff()) {
      // Tags are staff's working notes: a customer neither sees them nor finds tickets by them.
      throw denied(actor, Operation.TAG_TICKET, "tags filter");
    }
    if (filter.slaStanding() != null
        && !(actor.isStaff() && policy.permits(actor, Operation.VIEW_HISTORY))) {
      // Service levels are shown to staff who read a ticket's history; nobody else finds by them.
      throw denied(actor, Operation.VIEW_HISTORY, "slaStanding filter");
    }
    VisibilityScope scope = policy.visibleScope(actor);
    return new TicketQuery(
        scope, filter, commentSearch(actor), SortOrder.NEWEST_FIRST, after, limit, clock.instant());
  }

  VisibilityScope visibleScope(Actor actor) {
    return policy.visibleScope(actor);
  }

  /** Which comment text a search may match for this actor: never more than it may read. */
  private CommentSearch commentSearch(Actor actor) {
    if (!actor.isStaff()) {
      return CommentSearch.NONE;
    }
    // Internal text only when every visible ticket's notes are readable (the agent's or admin's
    // case).
    VisibilityScope visible = policy.visibleScope(actor);
    VisibilityScope notes = policy.scope(actor, Operation.VIEW_INTERNAL_NOTES);
    boolean readsAllNotes = notes.equals(VisibilityScope.EVERYTHING) || notes.equals(visible);
    return readsAllNotes ? CommentSearch.ALL : CommentSearch.PUBLIC;
  }

  static AccessDeniedException denied(Actor actor, Operation operation, String what) {
    // One structured line per refusal; never content, only ids.
    log.info(
        "ticketing access denied: actor={} role={} operation={} target={}",
        actor.id(),
        actor.role(),
        operation,
        what);
    return new AccessDeniedException(operation, what);
  }

  /**
   * A refusal answered as "not found" (the object exists, but not for this actor): logged like any
   * other refusal, so that probing across tenants shows in the log, and reported as not found.
   */
  static NotFoundException hidden(
      Actor actor, Operation operation, String kind, String id, String where) {
    logHidden(actor, operation, kind, id, where);
    return new NotFoundException(kind, id);
  }

  private static void logHidden(
      Actor actor, Operation operation, String kind, String id, String where) {
    log.info(
        "ticketing access denied: actor={} role={} operation={} target={} {}{} (answered not found)",
        actor.id(),
        actor.role(),
        operation,
        kind,
        id,
        where.isEmpty() ? "" : " " + where);
  }
}
