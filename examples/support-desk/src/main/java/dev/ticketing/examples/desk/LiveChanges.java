package dev.ticketing.examples.desk;

import dev.ticketing.AuditAction;
import dev.ticketing.AuditEntry;
import dev.ticketing.FieldChange;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.spi.AttachmentRecord;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where the live events ({@link LiveHub}) come from: the audit trail, as the ticket store writes
 * it, handed on only once the transaction that wrote it has committed.
 *
 * <p>Why the audit trail and not the outbox: the engine appends one audit entry for every change of
 * a ticket (created, edited, status, assignment, reply, internal note, file, tags, deletion, and
 * what the SLA scheduler, automations and the e-mail channel do), in the change's own transaction.
 * The outbox carries <em>notifications</em>: only for some changes (no edit of the priority, no file
 * or tag says anything to anybody) and only to the people the routing rules pick (a new ticket
 * tells the admins, not every agent), delivered at least once by a poller; two agents watching the
 * same queue would not see each other's work through it. The engine's internal change listeners
 * run inside the transaction, before it is known to commit, and are not open to hosts.
 *
 * <p>How: the {@link TicketStore} bean is wrapped (a JDK proxy over the store's public interface,
 * so every method, present or future, reaches the real store unchanged). Inside a Spring-managed
 * transaction the wrapper notes the audit entries appended, the tickets read and written (the
 * facts permissions are decided on, as they stand at the end of the transaction) and whether an
 * internal note or an internal file was added to a ticket. A {@link TransactionSynchronization}
 * hands that to the hub after the transaction committed; a rollback drops it. So an event always
 * tells of a committed change, even when the change ran inside a host's own {@code @Transactional}
 * method, and of nothing else: no content, only the ticket's id, the kind of change and when.
 *
 * <p>Events are local to this process (a change made through another instance of the desk is not
 * seen here) and at most once: a client that was away resumes from the hub's buffer or refetches.
 * The in-memory store is not wrapped: its transactions are not Spring's, so no commit could be
 * waited for.
 */
@Component
class LiveChanges implements BeanPostProcessor {
  private static final Logger log = LoggerFactory.getLogger(LiveChanges.class);

  /**
   * One change the hub turns into an event.
   *
   * @param before the ticket as the transaction first saw it (null: created in it, or not read)
   * @param ticket the ticket as the transaction left it (null: not read; the hub loads it)
   * @param internal whether the ticket got an internal note or internal file in the transaction
   */
  record Change(
      String ticketId,
      String kind,
      Instant at,
      @Nullable TicketRecord before,
      @Nullable TicketRecord ticket,
      boolean internal) {}

  private final ObjectProvider<LiveHub> hub;

  LiveChanges(ObjectProvider<LiveHub> hub) {
    this.hub = hub;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof TicketStore store) || bean instanceof InMemoryTicketStore) {
      return bean;
    }
    return Proxy.newProxyInstance(
        TicketStore.class.getClassLoader(),
        new Class<?>[] {TicketStore.class},
        (proxy, method, args) ->
            method.getName().equals("equals") && method.getParameterCount() == 1
                ? args != null && proxy == args[0]
                : invoke(store, method, args));
  }

  private @Nullable Object invoke(TicketStore store, Method method, Object @Nullable [] args)
      throws Throwable {
    Object result;
    try {
      result = method.invoke(store, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (method.getDeclaringClass() == TicketStore.class && args != null) {
      note(method.getName(), args, result);
    }
    return result;
  }

  /** Notes what a store call tells of the current transaction's changes; nothing outside one. */
  private void note(String method, Object[] args, @Nullable Object result) {
    switch (method) {
      case "appendAudit",
          "insertTicket",
          "updateTicket",
          "findTicket",
          "findTickets",
          "insertComment",
          "insertAttachment" -> {}
      default -> {
        return;
      }
    }
    Pending pending = pending();
    if (pending == null) {
      if (method.equals("appendAudit")) {
        log.warn("a ticket changed outside a Spring transaction: no live event for it");
      }
      return;
    }
    switch (method) {
      case "appendAudit" -> pending.entries.add((AuditEntry) args[0]);
      case "insertTicket" -> {
        TicketRecord t = (TicketRecord) args[0];
        pending.created.add(t.id());
        pending.saw(t);
      }
      case "updateTicket" -> pending.saw((TicketRecord) result);
      case "findTicket" -> ((Optional<?>) result).ifPresent(t -> pending.saw((TicketRecord) t));
      case "findTickets" ->
          ((Map<?, ?>) result).values().forEach(t -> pending.saw((TicketRecord) t));
      case "insertComment" -> {
        CommentRecord c = (CommentRecord) args[0];
        if (c.internal()) {
          pending.internal.add(c.ticketId());
        }
      }
      case "insertAttachment" -> {
        AttachmentRecord a = (AttachmentRecord) args[0];
        if (a.internal()) {
          pending.internal.add(a.ticketId());
        }
      }
      default -> throw new IllegalStateException(method);
    }
  }

  /** The changes noted in the current transaction, registered on first use; null outside one. */
  private @Nullable Pending pending() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Object bound = TransactionSynchronizationManager.getResource(this);
    if (bound instanceof Pending p) {
      return p;
    }
    Pending p = new Pending();
    TransactionSynchronizationManager.bindResource(this, p);
    TransactionSynchronizationManager.registerSynchronization(p);
    return p;
  }

  /** The kind of change an audit action is, as clients see it. */
  static String kind(AuditEntry entry) {
    AuditAction action = entry.action();
    return switch (action) {
      case CREATED -> "created";
      case STATUS_CHANGED, TICKET_RESOLVED, TICKET_CLOSED, TICKET_REOPENED, TICKET_CANCELLED ->
          "status";
      case TICKET_ASSIGNED, TICKET_UNASSIGNED -> "assigned";
      case TICKET_COMMENT_ADDED -> internalNote(entry) ? "note" : "commented";
      case ATTACHMENT_ADDED -> "attachment";
      case DELETED, PURGED -> "deleted";
      case RESTORED -> "restored";
      case TICKET_MERGED, TICKET_UNMERGED -> "merged";
      case TICKET_LINKED, TICKET_UNLINKED -> "linked";
      case SLA_WARNING, SLA_BREACHED -> "sla";
      // Edits, tags, participants, custom fields, macros, ratings, and whatever a later version
      // adds: the ticket changed, refetch it.
      default -> "updated";
    };
  }

  private static boolean internalNote(AuditEntry entry) {
    for (FieldChange change : entry.changes()) {
      if (change.field().equals("internal") && "true".equals(change.newValue())) {
        return true;
      }
    }
    return false;
  }

  /** What one transaction changed, handed to the hub once it committed. */
  private final class Pending implements TransactionSynchronization {
    final List<AuditEntry> entries = new ArrayList<>();
    final Map<String, TicketRecord> first = new HashMap<>();
    final Map<String, TicketRecord> tickets = new HashMap<>();
    final Set<String> internal = new HashSet<>();
    final Set<String> created = new HashSet<>();

    /**
     * A state of a ticket seen in the transaction: the first is the one before the change (unless
     * the transaction created the ticket), the latest the one committed.
     */
    void saw(@Nullable TicketRecord ticket) {
      if (ticket != null) {
        first.putIfAbsent(ticket.id(), ticket);
        tickets.put(ticket.id(), ticket);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(LiveChanges.this);
      if (status != STATUS_COMMITTED || entries.isEmpty()) {
        return;
      }
      LiveHub target = hub.getIfAvailable();
      if (target != null) {
        target.publish(changes());
      }
    }

    /**
     * One change per ticket and kind, in the order first made. A ticket that got an internal note
     * or an internal file in this transaction marks all its changes internal: whatever else the
     * note caused is for those who may read notes only.
     */
    List<Change> changes() {
      Map<String, Change> out = new LinkedHashMap<>();
      for (AuditEntry e : entries) {
        String kind = kind(e);
        boolean hidden = internal.contains(e.ticketId()) || kind.equals("note");
        out.put(
            e.ticketId() + ' ' + kind,
            new Change(
                e.ticketId(),
                kind,
                e.at(),
                created.contains(e.ticketId()) ? null : first.get(e.ticketId()),
                tickets.get(e.ticketId()),
                hidden));
      }
      return List.copyOf(out.values());
    }
  }
}
