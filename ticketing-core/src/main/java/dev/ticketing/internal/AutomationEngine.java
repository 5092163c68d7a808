package dev.ticketing.internal;

import dev.ticketing.AccessDeniedException;
import dev.ticketing.AuditAction;
import dev.ticketing.FieldChange;
import dev.ticketing.TicketingException;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.automation.RuleMatcher;
import dev.ticketing.automation.Situation;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.TicketClock;
import dev.ticketing.spi.TicketRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs triggers: told of every change inside its unit of work, it keeps the ticket's time-rule
 * clock and notes the change; at the end of the unit, before it commits, it evaluates the enabled
 * triggers in order against each noted change and runs the actions of those that match, through
 * the engine's own edits. What those actions change is noted in turn, one step deeper in the chain.
 *
 * <p><b>Loop safety.</b> A change a rule made is never evaluated against that rule. A chain of
 * rule-made changes is at most {@link AutomationSettings#maxChainDepth()} deep: a rule that matches
 * a change at that depth is disabled instead of run, with the reason stored on it and logged.
 */
final class AutomationEngine implements ChangeListener {

  private static final Logger log = LoggerFactory.getLogger(AutomationEngine.class);

  private final AutomationStore store;
  private final RuleBook book;
  private final AutomationSettings settings;
  private final RuleMacros macros;
  private final RuleMatcher matcher;
  private final ThreadLocal<UnitState> state = ThreadLocal.withInitial(UnitState::new);
  private @Nullable EngineHandle handle;
  private @Nullable RuleActions actions;

  /** A change noted for evaluation at the end of the unit of work. */
  private record Pending(
      String ticketId,
      Set<RuleEvent> events,
      @Nullable Role actorRole,
      List<FieldChange> changes,
      int depth,
      @Nullable String causeRuleId) {}

  /** The rule whose actions are running, and the depth of the changes they make. */
  private record Cause(String ruleId, int depth) {}

  private static final class UnitState {
    final Deque<Pending> queue = new ArrayDeque<>();
    final List<Runnable> afterCommit = new ArrayList<>();
    @Nullable Cause cause;
    int nesting;
    boolean settling;
  }

  AutomationEngine(
      AutomationStore store, RuleBook book, AutomationSettings settings, RuleMacros macros) {
    this.store = store;
    this.macros = macros;
    this.book = book;
    this.settings = settings;
    this.matcher = new RuleMatcher(settings.calendars());
  }

  void bind(EngineHandle h) {
    this.handle = h;
    this.actions =
        new RuleActions(h, settings, new RuleWebhooks(h.parts.clock(), h.parts.ids()), macros);
  }

  /** The macros rules may apply. */
  RuleMacros macros() {
    return macros;
  }

  RuleMatcher matcher() {
    return matcher;
  }

  RuleActions actions() {
    return Objects.requireNonNull(actions, "engine not bound");
  }

  EngineHandle handle() {
    return Objects.requireNonNull(handle, "engine not bound");
  }

  /**
   * Runs {@code work}, a unit of work of the ticket store (which the automation store shares: its
   * writes join it, and opening its own here would take the in-memory store's lock before the SLA
   * store's, against the order the SLA scheduler takes them). When this is the outermost call on
   * the thread, forgets what a failed unit noted and, after a successful one, sends what waited for
   * the commit.
   */
  <T> T around(Supplier<T> work) {
    UnitState s = state.get();
    s.nesting++;
    boolean ok = false;
    try {
      T result = work.get();
      ok = true;
      return result;
    } finally {
      if (--s.nesting == 0) {
        List<Runnable> later = new ArrayList<>(s.afterCommit);
        s.queue.clear();
        s.afterCommit.clear();
        s.cause = null;
        state.remove();
        if (ok) {
          later.forEach(Runnable::run);
        }
      }
    }
  }

  @Override
  public void changed(Change change) {
    String ticketId = change.after().id();
    if (change.action() == AuditAction.PURGED) {
      store.deleteTicketClock(ticketId);
      return;
    }
    keepClock(change);
    Set<RuleEvent> events = events(change.action(), change.changes());
    if (events.isEmpty()) {
      return;
    }
    UnitState s = state.get();
    Cause cause = s.cause;
    s.queue.add(
        new Pending(
            ticketId,
            events,
            change.actor().role(),
            change.changes(),
            cause == null ? 0 : cause.depth(),
            cause == null ? null : cause.ruleId()));
  }

  /**
   * Notes an alert the SLA scheduler raised, and runs the triggers on it, in the scheduler's unit
   * of work (which the automation store joins).
   */
  void alerted(TicketRecord ticket, AuditAction action) {
    RuleEvent event =
        action == AuditAction.SLA_BREACHED ? RuleEvent.SLA_BREACHED : RuleEvent.SLA_WARNING;
    around(
        () -> {
          state
              .get()
              .queue
              .add(new Pending(ticket.id(), Set.of(event), Role.ADMIN, List.of(), 0, null));
          settle();
          return null;
        });
  }

  /** Evaluates what the unit of work noted, until nothing new is noted. */
  void settle() {
    UnitState s = state.get();
    if (s.settling || s.queue.isEmpty()) {
      return;
    }
    s.settling = true;
    try {
      Pending p;
      while ((p = s.queue.poll()) != null) {
        process(p, s);
      }
    } finally {
      s.settling = false;
      s.queue.clear();
    }
  }

  private void process(Pending p, UnitState s) {
    List<ActiveRule> triggers = book.triggers();
    if (triggers.isEmpty()) {
      return;
    }
    EngineHandle h = handle();
    TicketRecord t = h.store.findTicket(p.ticketId()).orElse(null);
    if (t == null || t.deleted()) {
      return;
    }
    // Every trigger is evaluated against the ticket as the change left it: a rule reacts to what
    // another rule did only through that rule's own change, one step deeper in the chain.
    TicketRecord seen = t;
    TicketClock clock = null;
    boolean clockRead = false;
    for (ActiveRule rule : triggers) {
      if (rule.id().equals(p.causeRuleId())) {
        continue; // a rule's own changes never fire it again
      }
      if (rule.needsClock() && !clockRead) {
        clock = store.ticketClock(t.id()).orElse(null);
        clockRead = true;
      }
      Situation situation =
          new Situation(seen, p.events(), p.actorRole(), p.changes(), clock, h.changes.now());
      if (!matcher.matches(rule.definition(), situation)) {
        continue;
      }
      if (p.depth() >= settings.maxChainDepth()) {
        book.disable(
            rule,
            "disabled by the engine: it would run at step "
                + (p.depth() + 1)
                + " of a chain of rule-made changes on ticket "
                + t.id()
                + ", past the bound of "
                + settings.maxChainDepth());
        continue;
      }
      TicketRecord current = h.store.findTicket(t.id()).orElse(null);
      if (current == null || current.deleted()) {
        return;
      }
      fire(rule, current, p.depth() + 1, s);
    }
  }

  /** Runs a rule's actions on a ticket; the changes they make are {@code depth} deep. */
  void fire(ActiveRule rule, TicketRecord ticket, int depth, UnitState s) {
    Cause previous = s.cause;
    s.cause = new Cause(rule.id(), depth);
    try {
      TicketRecord t = ticket;
      for (RuleAction a : rule.definition().actions()) {
        try {
          actions().run(rule, a, t, s.afterCommit::add);
        } catch (AccessDeniedException e) {
          log.warn(
              "automation rule {} v{} may not {} on ticket {}: skipped",
              rule.id(),
              rule.version(),
              a.getClass().getSimpleName(),
              t.id());
        } catch (TicketingException | IllegalStateException e) {
          if (e instanceof dev.ticketing.ConflictException
              || e instanceof dev.ticketing.StoreUnavailableException) {
            throw e;
          }
          log.warn(
              "automation rule {} v{}: {} on ticket {} skipped: {}",
              rule.id(),
              rule.version(),
              a.getClass().getSimpleName(),
              t.id(),
              e.getMessage());
        }
        t = handle().store.findTicket(t.id()).orElse(t);
      }
    } finally {
      s.cause = previous;
    }
  }

  /** Fires a time rule on a ticket, in the open unit of work (the scheduler's). */
  void fireTimed(ActiveRule rule, TicketRecord ticket) {
    UnitState s = state.get();
    fire(rule, ticket, 1, s);
    settle();
  }

  private void keepClock(Change c) {
    Instant at = c.at();
    String id = c.after().id();
    boolean statusMoved =
        c.action() == AuditAction.CREATED
            || c.changes().stream().anyMatch(f -> f.field().equals("status"));
    boolean reply = c.action() == AuditAction.TICKET_COMMENT_ADDED && !isInternal(c.changes());
    if (c.action() == AuditAction.CREATED) {
      store.saveTicketClock(new TicketClock(id, at, 0, at, 0, at, 0));
      return;
    }
    TicketClock old = store.ticketClock(id).orElse(null);
    if (old == null) {
      TicketRecord t = c.after();
      old = new TicketClock(id, t.createdAt(), 0, t.updatedAt(), 0, t.createdAt(), 0);
    }
    store.saveTicketClock(
        new TicketClock(
            id,
            statusMoved ? at : old.statusSince(),
            statusMoved ? old.statusCycle() + 1 : old.statusCycle(),
            at,
            old.updateCycle() + 1,
            reply ? at : old.lastReplyAt(),
            reply ? old.replyCycle() + 1 : old.replyCycle()));
  }

  private static boolean isInternal(List<FieldChange> changes) {
    return changes.stream()
        .anyMatch(f -> f.field().equals("internal") && "true".equals(f.newValue()));
  }

  /** The events a change is. */
  static Set<RuleEvent> events(AuditAction action, List<FieldChange> changes) {
    Set<RuleEvent> out = EnumSet.noneOf(RuleEvent.class);
    switch (action) {
      case CREATED -> out.add(RuleEvent.CREATED);
      case UPDATED, FIELDS_CHANGED -> out.add(RuleEvent.UPDATED);
      case STATUS_CHANGED, TICKET_RESOLVED, TICKET_CLOSED, TICKET_REOPENED, TICKET_CANCELLED ->
          out.add(RuleEvent.STATUS_CHANGED);
      case TICKET_ASSIGNED, TICKET_UNASSIGNED -> out.add(RuleEvent.ASSIGNED);
      case TICKET_COMMENT_ADDED ->
          out.add(isInternal(changes) ? RuleEvent.INTERNAL_NOTE : RuleEvent.PUBLIC_COMMENT);
      case TAGS_CHANGED -> out.add(RuleEvent.TAGS_CHANGED);
      case SLA_WARNING -> out.add(RuleEvent.SLA_WARNING);
      case SLA_BREACHED -> out.add(RuleEvent.SLA_BREACHED);
      default -> {}
    }
    if (action != AuditAction.CREATED
        && changes.stream().anyMatch(f -> f.field().equals("status"))) {
      out.add(RuleEvent.STATUS_CHANGED);
    }
    return out;
  }
}
