package dev.ticketing;

import dev.ticketing.policy.Actor;
import dev.ticketing.spi.Subject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ticketing engine: every operation of the GraphQL ticket module and of the Comdeall support
 * module (see docs/compatibility.md), and more. Every call names the {@link Actor} making it and is
 * checked against the permission policy; a ticket the actor may not see is reported as {@link
 * NotFoundException}, a refused operation on a visible one as {@link AccessDeniedException}.
 *
 * <p>Each write runs in one unit of work of the store: the change, its audit entry and its
 * notifications commit together or not at all; notifications are delivered after commit.
 *
 * <p>Input is validated first: a {@link ValidationException} lists every violation with its field
 * and nothing is written. All exceptions are {@link TicketingException}s with a stable code.
 *
 * <p><b>Idempotency keys.</b> Every write takes an optional client-supplied key (a component of its
 * command, or a last parameter), typically the {@code Idempotency-Key} header of the host's API. It
 * is recorded in the write's own unit of work, per actor, for {@link TicketingOptions#idempotencyKeyRetention()}
 * (default 24 hours). A call repeating a recorded key with the same input writes nothing and returns
 * the first call's result (the ticket, comment or attachment it made, as it is now; the outcomes of
 * a bulk resolve as they were); the same key with another operation or other input is refused with
 * {@link IdempotencyKeyReusedException} ({@code IDEMPOTENCY_KEY_REUSED}). Two concurrent first uses
 * of one key make one write: the other caller gets the first result, or, while the first call has
 * not committed yet, a retryable {@code CONFLICT}.
 *
 * <p>Implementations are thread-safe. Obtain one from {@link Ticketing#builder()}.
 *
 * @since 0.1.0
 */
public interface TicketService {

  // ---- writes (the GraphQL ticket module's mutations)

  /** Creates a ticket in status OPEN. Customers create for their own company only. */
  TicketView createTicket(Actor actor, CreateTicket input);

  /** Changes title, description, priority or category; null fields stay as they are. */
  TicketView updateTicket(Actor actor, UpdateTicket input);

  /** Moves the ticket through the state machine. */
  TicketView changeStatus(Actor actor, ChangeStatus input);

  /** Assigns the ticket to a staff member (moving OPEN or REOPENED to IN_PROGRESS), or unassigns it. */
  TicketView assignTicket(Actor actor, AssignTicket input);

  /**
   * Adds and removes a ticket's tags in one audited change ({@link AuditAction#TAGS_CHANGED}). Tags
   * are normalised and checked as {@link TagRules} says; a violation names the field and its index
   * ({@code add[1]}) and nothing is written. A change that changes nothing writes nothing.
   * Retried on a concurrent change of the ticket: adding a tag does not depend on its version.
   *
   * @since 0.1.0
   */
  TicketView changeTags(Actor actor, ChangeTags input);

  /**
   * Adds and removes a ticket's followers and CCs in one audited change ({@link
   * AuditAction#PARTICIPANTS_CHANGED}). Followers must be staff, CCs customers of the ticket's
   * company, as the directory says; anyone else is refused with the field that named them and
   * nothing is written. Retried on a concurrent change of the ticket.
   *
   * @since 0.1.0
   */
  TicketView changeParticipants(Actor actor, ChangeParticipants input);

  /** Adds a public reply or a staff-only internal note. */
  CommentView addComment(Actor actor, AddComment input);

  /** Issues a pre-signed upload URL for a file of the ticket. */
  UploadUrl requestUpload(Actor actor, RequestUpload input);

  /** Confirms an uploaded file and links it to the ticket or one of its comments. */
  AttachmentView confirmAttachment(Actor actor, ConfirmAttachment input);

  /** Soft-deletes: status CANCELLED, hidden from every read path but admins' include-deleted filter. */
  default TicketView deleteTicket(Actor actor, String ticketId) {
    return deleteTicket(actor, ticketId, null);
  }

  /**
   * {@link #deleteTicket(Actor, String)} with a client's idempotency key (null for none).
   *
   * @since 0.2.0
   */
  TicketView deleteTicket(Actor actor, String ticketId, @Nullable String idempotencyKey);

  /** Undoes a soft delete, back to the status the ticket had (super admins). */
  default TicketView restoreTicket(Actor actor, String ticketId) {
    return restoreTicket(actor, ticketId, null);
  }

  /**
   * {@link #restoreTicket(Actor, String)} with a client's idempotency key (null for none).
   *
   * @since 0.2.0
   */
  TicketView restoreTicket(Actor actor, String ticketId, @Nullable String idempotencyKey);

  /** Erases the ticket, its comments, files and history for good (super admins; GDPR erasure). */
  default void purgeTicket(Actor actor, String ticketId) {
    purgeTicket(actor, ticketId, null);
  }

  /**
   * {@link #purgeTicket(Actor, String)} with a client's idempotency key (null for none): a repeat
   * returns quietly instead of reporting the erased ticket as not found.
   *
   * @since 0.2.0
   */
  void purgeTicket(Actor actor, String ticketId, @Nullable String idempotencyKey);

  // ---- bulk resolve and notes from the host's system (the Comdeall support module)

  /**
   * Resolves many tickets, each in a unit of work of its own.
   *
   * @param ticketIds 1 to 100 ids
   * @return one outcome per distinct id, in the order given
   */
  default Map<String, ResolveOutcome> resolveTickets(Actor actor, List<String> ticketIds) {
    return resolveTickets(actor, ticketIds, null);
  }

  /**
   * {@link #resolveTickets(Actor, List)} with a client's idempotency key (null for none). Each
   * ticket is still resolved in a unit of work of its own; the key and the outcomes are recorded
   * once all are done, so a repeat returns the first call's outcomes. A call that resolved no
   * ticket records nothing (a refused call writes nothing): its repeat runs again, to the same
   * effect.
   *
   * @since 0.2.0
   */
  Map<String, ResolveOutcome> resolveTickets(
      Actor actor, List<String> ticketIds, @Nullable String idempotencyKey);

  /**
   * Records a note the host inserted elsewhere (the Comdeall support module's note event).
   * Idempotent on {@link ExternalNote#externalId()}: a repeated event returns the note already
   * recorded and notifies nobody again. An id recorded for another ticket, or for an internal note
   * the actor may not read, is a {@link ValidationException} on {@code externalId}. A new note on a
   * CLOSED or CANCELLED ticket is refused with {@link InvalidStateException}, like any other
   * comment (reopen the ticket first); a repeat of a note recorded before the ticket was closed
   * still returns it.
   */
  CommentView recordExternalNote(Actor actor, ExternalNote note);

  /** The categories tickets may be created with: the ids of the active subjects. */
  Set<Category> categories();

  /**
   * The subjects new tickets may be about (the active ones), in the catalog's order: what a host
   * shows in its subject picker. Configuration, the same for everyone.
   *
   * @since 0.2.0
   */
  default List<Subject> subjects() {
    return categories().stream()
        .map(Category::name)
        .sorted()
        .map(name -> new Subject(name, name, true))
        .toList();
  }

  // ---- reads (the GraphQL ticket module's queries)

  /** One ticket with its visible comments and attachments. */
  TicketDetails ticket(Actor actor, String ticketId);

  /**
   * The comments and attachments of many tickets at once, for the items of a list: what {@link
   * #ticket} returns for each, resolved with one directory call for all their users and one for
   * all their companies. Tickets that do not exist, are soft-deleted or that the actor may not see
   * are left out (an id of a ticket the actor may not see is logged as a refusal), so a caller
   * cannot tell them apart.
   *
   * @param ticketIds up to the configured list limit of ids; repeats are read once
   * @return the details by ticket id, in the order first given
   * @since 0.2.0
   */
  Map<String, TicketDetails> ticketDetails(Actor actor, Collection<String> ticketIds);

  /**
   * Tickets the actor requested (owns), newest first (at most the configured list limit): those
   * they raised, and those staff raised on their behalf.
   */
  List<TicketView> myTickets(Actor actor);

  /** Tickets assigned to the actor, newest first (at most the configured list limit). */
  List<TicketView> myAssignedTickets(Actor actor);

  /** Tickets of a company that the actor may see, newest first (at most the configured list limit). */
  List<TicketView> ticketsByCompany(Actor actor, String companyId);

  /** The admin listing with a filter, newest first (at most the configured list limit). */
  List<TicketView> tickets(Actor actor, TicketFilter filter);

  /** A page of the tickets the actor may see, newest first, with keyset cursors. */
  TicketPage ticketsPaginated(Actor actor, PageRequest page, TicketFilter filter);

  /** Statistics over all tickets or one company's. */
  TicketStats ticketStats(Actor actor, @Nullable String companyId);

  /**
   * How many tickets carry each tag, over the non-deleted tickets the actor may see (all or one
   * company's), most used first, then by tag: the statistics by tag, and the vocabulary in use.
   * Needs {@link dev.ticketing.policy.Operation#VIEW_STATISTICS}.
   *
   * @param limit 1 to 1000 tags
   * @since 0.1.0
   */
  List<TagCount> tagStats(Actor actor, @Nullable String companyId, int limit);

  /** The ticket's audit log, oldest first (staff). */
  List<AuditEntry> history(Actor actor, String ticketId);
}
