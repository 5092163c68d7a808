package dev.ticketing.internal;

import static dev.ticketing.internal.ChangeLog.change;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.AuditAction;
import dev.ticketing.CommentView;
import dev.ticketing.ConflictException;
import dev.ticketing.FieldChange;
import dev.ticketing.Macro;
import dev.ticketing.MacroDefinition;
import dev.ticketing.MacroPreview;
import dev.ticketing.MacroResult;
import dev.ticketing.MacroService;
import dev.ticketing.NotFoundException;
import dev.ticketing.UpdateTicket;
import dev.ticketing.ValidationException;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.Role;
import dev.ticketing.spi.CommentRecord;
import dev.ticketing.spi.IdGenerator;
import dev.ticketing.spi.MacroStore;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.UserInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link MacroService}: definitions checked here and kept in a {@link
 * MacroStore}; an application runs in one unit of work of the ticket service, through the same
 * writers as the service's own commands (so every change is checked, audited and notified as if
 * made by hand), followed by an audit entry naming the macro. Automation rules apply macros through
 * the same steps, inside their own unit of work.
 *
 * <p>Long because checking a definition, previewing and applying a macro (by hand or by a rule)
 * share the macro's rendering and checks, kept together here.
 */
public final class DefaultMacroService implements MacroService {

  private final MacroStore store;
  private final EngineHandle engine;
  private final IdGenerator ids;

  DefaultMacroService(MacroStore store, EngineHandle engine, IdGenerator ids) {
    this.store = store;
    this.engine = engine;
    this.ids = ids;
  }

  /** Macros kept in {@code store}, applied through {@code service}. */
  public static MacroService over(MacroStore store, DefaultTicketService service, IdGenerator ids) {
    return new DefaultMacroService(store, service.handle(), ids);
  }

  @Override
  public Macro define(Actor actor, MacroDefinition definition) {
    requireManager(actor, "define macro");
    Checked c = check(definition);
    if (store.findByName(c.name()).isPresent()) {
      throw ValidationException.of("name", "is taken by another macro");
    }
    if (store.all().size() >= MAX_MACROS) {
      throw ValidationException.of(
          "name", "would be macro " + (MAX_MACROS + 1) + "; at most " + MAX_MACROS);
    }
    Instant now = engine.changes.now();
    Macro m = c.toMacro(ids.newId(), 1, now, now, actor.id());
    store.insert(m);
    return m;
  }

  @Override
  public Macro update(
      Actor actor, String macroId, long expectedVersion, MacroDefinition definition) {
    requireManager(actor, "update macro " + macroId);
    InputValidator.checkId("macroId", macroId);
    Checked c = check(definition);
    Macro old = store.find(macroId).orElseThrow(() -> new NotFoundException("macro", macroId));
    if (old.version() != expectedVersion) {
      throw stale(macroId, expectedVersion);
    }
    store
        .findByName(c.name())
        .filter(other -> !other.id().equals(macroId))
        .ifPresent(
            other -> {
              throw ValidationException.of("name", "is taken by another macro");
            });
    Macro m =
        c.toMacro(macroId, expectedVersion + 1, old.createdAt(), engine.changes.now(), actor.id());
    store.update(m, expectedVersion);
    return m;
  }

  @Override
  public void delete(Actor actor, String macroId, long expectedVersion) {
    requireManager(actor, "delete macro " + macroId);
    InputValidator.checkId("macroId", macroId);
    if (store.find(macroId).isEmpty()) {
      throw new NotFoundException("macro", macroId);
    }
    if (!store.delete(macroId, expectedVersion)) {
      throw stale(macroId, expectedVersion);
    }
  }

  @Override
  public Macro macro(Actor actor, String macroId) {
    InputValidator.checkId("macroId", macroId);
    Macro m = store.find(macroId).orElseThrow(() -> new NotFoundException("macro", macroId));
    if (!mayManage(actor) && !(actor.isStaff() && m.appliesFor(actor.role()))) {
      throw Access.hidden(actor, Operation.APPLY_MACRO, "macro", macroId, "");
    }
    return m;
  }

  @Override
  public List<Macro> macros(Actor actor) {
    if (!actor.isStaff()) {
      throw Access.denied(actor, Operation.APPLY_MACRO, "macros");
    }
    boolean all = mayManage(actor);
    return store.all().stream().filter(m -> all || m.appliesFor(actor.role())).toList();
  }

  @Override
  public MacroPreview preview(Actor actor, String macroId, String ticketId) {
    Macro m = applicable(actor, macroId);
    TicketRecord t = engine.access.permitted(actor, ticketId, Operation.APPLY_MACRO);
    String body = m.body() == null ? null : MacroTemplates.render(m.body(), variables(t, actor));
    return new MacroPreview(m.id(), t.id(), body, m.internal(), planned(m, t, actor));
  }

  @Override
  public MacroResult apply(Actor actor, String macroId, String ticketId) {
    Macro m = applicable(actor, macroId);
    InputValidator.checkId("ticketId", ticketId);
    // Each step reads the ticket afresh, so a concurrent change of the ticket is retried rather
    // than
    // failed, as a reply is.
    Applied applied =
        UnitOfWork.retryOnConflict(() -> engine.write(() -> applyInUnit(actor, m, ticketId)));
    CommentView comment =
        applied.comment() == null ? null : engine.views.comment(applied.comment(), List.of());
    return new MacroResult(
        engine.views.ticket(actor, applied.ticket().ticket(), applied.ticket().activity()),
        comment);
  }

  /**
   * Applies a macro (by id or name) inside the unit of work already open, as an automation rule's
   * action does; checked as {@link #apply} checks it.
   */
  void applyWithin(Actor actor, String macro, String ticketId) {
    String id =
        store
            .find(macro)
            .or(() -> store.findByName(macro))
            .map(Macro::id)
            .orElseThrow(() -> new NotFoundException("macro", macro));
    applyInUnit(actor, applicable(actor, id), ticketId);
  }

  private record Applied(TicketSnapshot ticket, @Nullable CommentRecord comment) {}

  private Applied applyInUnit(Actor actor, Macro m, String ticketId) {
    TicketRecord before = engine.access.permittedToChange(actor, ticketId, Operation.APPLY_MACRO);
    CommentRecord comment = null;
    if (m.body() != null) {
      String body = MacroTemplates.render(m.body(), variables(before, actor)).strip();
      if (body.isEmpty() || body.length() > MAX_BODY_LENGTH) {
        throw ValidationException.of(
            "body",
            "renders to " + body.length() + " characters; 1 to " + MAX_BODY_LENGTH + " allowed");
      }
      comment = engine.comments.add(actor, new AddComment(ticketId, body, m.internal()));
    }
    if (m.status() != null && current(ticketId).status() != m.status()) {
      engine.edits.changeStatus(actor, ticketId, m.status());
    }
    if (m.priority() != null && current(ticketId).priority() != m.priority()) {
      engine.edits.update(actor, new UpdateTicket(ticketId, null, null, m.priority(), null), null);
    }
    if (!m.addTags().isEmpty() || !m.removeTags().isEmpty()) {
      engine.tags.apply(actor, new TagEdits.Change(ticketId, m.addTags(), m.removeTags()));
    }
    String assignee = m.assignToApplier() ? actor.id() : m.assigneeId();
    if (assignee != null) {
      engine.edits.assign(actor, new AssignTicket(ticketId, assignee));
    }
    TicketRecord after = current(ticketId);
    engine.changes.record(
        before,
        after,
        AuditAction.MACRO_APPLIED,
        actor,
        engine.changes.now(),
        List.of(change("macro", null, m.name()), change("macroId", null, m.id())));
    return new Applied(engine.edits.snapshot(after), comment);
  }

  private TicketRecord current(String ticketId) {
    return engine
        .store
        .findTicket(ticketId)
        .orElseThrow(() -> new NotFoundException("ticket", ticketId));
  }

  /** The fields applying {@code m} would change on {@code t}, as an audit would list them. */
  private static List<FieldChange> planned(Macro m, TicketRecord t, Actor actor) {
    List<FieldChange> out = new ArrayList<>();
    if (m.status() != null && m.status() != t.status()) {
      out.add(change("status", t.status(), m.status()));
    }
    if (m.priority() != null && m.priority() != t.priority()) {
      out.add(change("priority", t.priority(), m.priority()));
    }
    TreeSet<String> tags = new TreeSet<>(t.tags());
    tags.removeAll(m.removeTags());
    tags.addAll(m.addTags());
    if (!tags.equals(new TreeSet<>(t.tags()))) {
      out.add(change("tags", String.join(" ", t.tags()), String.join(" ", tags)));
    }
    String assignee = m.assignToApplier() ? actor.id() : m.assigneeId();
    if (assignee != null && !assignee.equals(t.assigneeId())) {
      out.add(change("assignedTo", t.assigneeId(), assignee));
    }
    return out;
  }

  /** The values of the variables on {@code t}, applied by {@code actor}. */
  private Map<String, String> variables(TicketRecord t, Actor actor) {
    Map<String, UserInfo> users = Map.of();
    try {
      Map<String, UserInfo> found =
          engine.parts.directory().users(List.of(t.requesterId(), actor.id()));
      if (found != null) {
        users = found;
      }
    } catch (RuntimeException e) {
      // Names are courtesy: while the directory is down they render as the users' ids.
    }
    Map<String, String> v = new HashMap<>();
    v.put("requester.name", name(users.get(t.requesterId()), t.requesterId()));
    v.put("agent.name", name(users.get(actor.id()), actor.id()));
    v.put("ticket.id", t.id());
    v.put("ticket.number", t.id());
    v.put("ticket.title", t.title());
    v.put("ticket.status", t.status().name());
    v.put("ticket.priority", t.priority().name());
    v.put("ticket.category", t.category().name());
    return v;
  }

  private static String name(@Nullable UserInfo u, String id) {
    if (u == null) {
      return id;
    }
    String first = u.firstName() == null ? "" : u.firstName().strip();
    String last = u.lastName() == null ? "" : u.lastName().strip();
    String full = (first + " " + last).strip();
    return full.isEmpty() ? id : full;
  }

  private Macro applicable(Actor actor, String macroId) {
    InputValidator.checkId("macroId", macroId);
    if (!actor.isStaff()) {
      // Customers never see macros: not even whether one exists.
      throw Access.denied(actor, Operation.APPLY_MACRO, "macro " + macroId);
    }
    Macro m = store.find(macroId).orElseThrow(() -> new NotFoundException("macro", macroId));
    if (!m.appliesFor(actor.role())) {
      throw Access.denied(
          actor, Operation.APPLY_MACRO, "macro " + macroId + " for " + actor.role());
    }
    return m;
  }

  private boolean mayManage(Actor actor) {
    return actor.isStaff() && engine.parts.policy().permits(actor, Operation.MANAGE_MACROS);
  }

  private void requireManager(Actor actor, String what) {
    if (!mayManage(actor)) {
      throw Access.denied(actor, Operation.MANAGE_MACROS, what);
    }
  }

  private static ConflictException stale(String macroId, long expectedVersion) {
    return ConflictException.conflict(
        "macro " + macroId + " is no longer at version " + expectedVersion + "; read it again",
        new IllegalStateException("stale macro version"));
  }

  /** A definition that passed every check, normalised. */
  private record Checked(
      String name,
      @Nullable String description,
      @Nullable String body,
      MacroDefinition d,
      List<String> add,
      List<String> remove) {

    Macro toMacro(String id, long version, Instant createdAt, Instant updatedAt, String by) {
      return new Macro(
          id,
          name,
          description,
          body,
          d.internal(),
          d.status(),
          d.priority(),
          add,
          remove,
          d.assignToApplier() ? null : d.assigneeId(),
          d.assignToApplier(),
          d.roles(),
          version,
          createdAt,
          updatedAt,
          by);
    }
  }

  private Checked check(@Nullable MacroDefinition d) {
    if (d == null) {
      throw ValidationException.of("definition", "is required");
    }
    List<Violation> problems = new ArrayList<>();
    String name = d.name() == null ? "" : d.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || hasControl(name)) {
      problems.add(
          new Violation(
              "name",
              "must be 1 to " + MAX_NAME_LENGTH + " characters without control characters"));
    }
    String description = d.description() == null ? null : d.description().strip();
    if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
      problems.add(
          new Violation(
              "description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
    }
    String body = d.body() == null ? null : d.body().strip();
    if (body != null) {
      if (body.isEmpty() || body.length() > MAX_BODY_LENGTH) {
        problems.add(new Violation("body", "must be 1 to " + MAX_BODY_LENGTH + " characters"));
      }
      for (String unknown : MacroTemplates.unknownVariables(body)) {
        problems.add(
            new Violation(
                "body",
                "uses the unknown variable {{"
                    + unknown
                    + "}}; known: "
                    + String.join(", ", VARIABLES)));
      }
    } else if (d.internal()) {
      problems.add(new Violation("body", "is required for an internal note"));
    }
    List<String> add = engine.tags.normalised("addTags", d.addTags(), true, problems);
    List<String> remove = engine.tags.normalised("removeTags", d.removeTags(), false, problems);
    for (int i = 0; i < remove.size(); i++) {
      if (add.contains(remove.get(i))) {
        problems.add(new Violation("removeTags[" + i + "]", "is also being added"));
      }
    }
    if (d.roles().isEmpty()) {
      problems.add(new Violation("roles", "must name at least one staff role"));
    } else if (d.roles().contains(Role.CUSTOMER)) {
      problems.add(
          new Violation("roles", "must name staff roles only: customers never apply macros"));
    }
    if (d.assigneeId() != null) {
      if (d.assignToApplier()) {
        problems.add(new Violation("assigneeId", "cannot be given with assignToApplier"));
      } else {
        try {
          InputValidator.checkId("assigneeId", d.assigneeId());
        } catch (ValidationException e) {
          problems.addAll(e.violations());
        }
      }
    }
    boolean changesNothing =
        body == null
            && d.status() == null
            && d.priority() == null
            && add.isEmpty()
            && remove.isEmpty()
            && d.assigneeId() == null
            && !d.assignToApplier();
    if (changesNothing) {
      problems.add(new Violation("body", "is required when the macro changes no field"));
    }
    InputValidator.throwIfAny(problems);
    return new Checked(name, description, body, d, add, remove);
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }
}
