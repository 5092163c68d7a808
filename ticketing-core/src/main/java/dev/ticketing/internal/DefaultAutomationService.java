package dev.ticketing.internal;

import dev.ticketing.ConflictException;
import dev.ticketing.NotFoundException;
import dev.ticketing.TicketFilter;
import dev.ticketing.ValidationException;
import dev.ticketing.automation.AutomationService;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.DryRun;
import dev.ticketing.automation.PlannedAction;
import dev.ticketing.automation.Rule;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleKind;
import dev.ticketing.automation.Situation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.VisibilityScope;
import dev.ticketing.spi.AutomationStore;
import dev.ticketing.spi.CommentSearch;
import dev.ticketing.spi.RuleRecord;
import dev.ticketing.spi.SortOrder;
import dev.ticketing.spi.TicketClock;
import dev.ticketing.spi.TicketQuery;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.spi.TicketRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin facade over automation rules: checks the caller may manage them, checks definitions,
 * keeps every version, and answers dry runs from reads alone.
 */
final class DefaultAutomationService implements AutomationService {

  private static final Comparator<Rule> LISTING =
      Comparator.comparing((Rule r) -> r.definition().kind())
          .thenComparingInt(r -> r.definition().position())
          .thenComparing(Rule::id);

  private final AutomationStore store;
  private final RuleBook book;
  private final AutomationEngine engine;
  private final AutomationSettings settings;
  private final Supplier<EngineParts> parts;

  DefaultAutomationService(
      AutomationStore store,
      RuleBook book,
      AutomationEngine engine,
      AutomationSettings settings,
      Supplier<EngineParts> parts) {
    this.store = store;
    this.book = book;
    this.engine = engine;
    this.settings = settings;
    this.parts = parts;
  }

  @Override
  public Rule create(Actor actor, RuleDefinition definition) {
    require(actor);
    checks().check(definition);
    EngineParts p = parts.get();
    Instant now = now();
    RuleRecord r = record(p.ids().newId(), 1, 1, definition, true, null, now, now, actor.id());
    store.inTransaction(
        () -> {
          if (store.rules().size() >= settings.maxRules()) {
            throw ValidationException.of(
                "rules", "at most " + settings.maxRules() + " rules may be stored");
          }
          store.insertRule(r);
          return null;
        });
    book.invalidate();
    return RuleBook.rule(r);
  }

  @Override
  public Rule update(Actor actor, String ruleId, int expectedVersion, RuleDefinition definition) {
    require(actor);
    InputValidator.checkId("ruleId", ruleId);
    checks().check(definition);
    RuleRecord saved =
        store.inTransaction(
            () -> {
              RuleRecord old = find(ruleId);
              if (old.version() != expectedVersion) {
                throw stale(ruleId, expectedVersion, old.version());
              }
              RuleRecord r =
                  record(
                      old.id(),
                      old.revision() + 1,
                      old.version() + 1,
                      definition,
                      true,
                      null,
                      old.createdAt(),
                      now(),
                      actor.id());
              store.updateRule(r);
              return r;
            });
    book.invalidate();
    return RuleBook.rule(saved);
  }

  @Override
  public Rule enable(Actor actor, String ruleId) {
    return switchTo(actor, ruleId, true);
  }

  @Override
  public Rule disable(Actor actor, String ruleId) {
    return switchTo(actor, ruleId, false);
  }

  private Rule switchTo(Actor actor, String ruleId, boolean enabled) {
    require(actor);
    InputValidator.checkId("ruleId", ruleId);
    RuleRecord saved =
        store.inTransaction(
            () -> {
              RuleRecord old = find(ruleId);
              if (old.enabled() == enabled && old.disabledReason() == null) {
                return old;
              }
              RuleRecord r =
                  new RuleRecord(
                      old.id(),
                      old.revision() + 1,
                      old.version(),
                      old.name(),
                      old.kind(),
                      old.position(),
                      enabled,
                      null,
                      old.definition(),
                      old.createdAt(),
                      now(),
                      actor.id());
              store.updateRule(r);
              return r;
            });
    book.invalidate();
    return RuleBook.rule(saved);
  }

  @Override
  public void delete(Actor actor, String ruleId) {
    require(actor);
    InputValidator.checkId("ruleId", ruleId);
    store.inTransaction(
        () -> {
          find(ruleId);
          store.deleteRule(ruleId);
          return null;
        });
    book.invalidate();
  }

  @Override
  public Rule rule(Actor actor, String ruleId) {
    require(actor);
    InputValidator.checkId("ruleId", ruleId);
    return RuleBook.rule(find(ruleId));
  }

  @Override
  public List<Rule> rules(Actor actor) {
    require(actor);
    List<Rule> out = new ArrayList<>();
    store.rules().forEach(r -> out.add(RuleBook.rule(r)));
    out.sort(LISTING);
    return out;
  }

  @Override
  public List<Rule> versions(Actor actor, String ruleId) {
    require(actor);
    InputValidator.checkId("ruleId", ruleId);
    List<RuleRecord> versions = store.ruleVersions(ruleId);
    if (versions.isEmpty()) {
      throw new NotFoundException("rule", ruleId);
    }
    return versions.stream().map(RuleBook::rule).toList();
  }

  @Override
  public DryRun dryRun(Actor actor, RuleDefinition definition) {
    require(actor);
    checks().check(definition);
    return plan(new ActiveRule("dry-run", 0, definition));
  }

  @Override
  public DryRun dryRun(Actor actor, String ruleId) {
    require(actor);
    InputValidator.checkId("ruleId", ruleId);
    RuleRecord r = find(ruleId);
    return plan(RuleBook.active(r));
  }

  /**
   * Evaluates a rule against the newest tickets as they are now: a trigger as if each had just had
   * one of its events (made by an admin, changing nothing), a time rule as the scheduler would.
   */
  private DryRun plan(ActiveRule rule) {
    EngineHandle h = engine.handle();
    Instant now = now();
    List<TicketRow> rows =
        h.store.list(
            new TicketQuery(
                VisibilityScope.EVERYTHING,
                TicketFilter.none(),
                CommentSearch.ALL,
                SortOrder.NEWEST_FIRST,
                null,
                settings.dryRunLimit()));
    List<String> ids = rows.stream().map(r -> r.ticket().id()).toList();
    Map<String, TicketClock> clocks = new java.util.HashMap<>();
    if (rule.needsClock()) {
      for (String id : ids) {
        store.ticketClock(id).ifPresent(c -> clocks.put(id, c));
      }
    }
    List<String> matched = new ArrayList<>();
    List<PlannedAction> planned = new ArrayList<>();
    RuleDefinition d = rule.definition();
    for (TicketRow row : rows) {
      TicketRecord t = row.ticket();
      Situation s =
          new Situation(
              t,
              d.kind() == RuleKind.TRIGGER ? d.events() : Set.of(),
              d.kind() == RuleKind.TRIGGER ? dev.ticketing.policy.Role.ADMIN : null,
              List.of(),
              clocks.get(t.id()),
              now);
      if (engine.matcher().matches(d, s)) {
        matched.add(t.id());
        for (RuleAction a : d.actions()) {
          planned.add(engine.actions().plan(rule, a, t));
        }
      }
    }
    return new DryRun(rows.size(), matched, planned);
  }

  private RuleChecks checks() {
    EngineParts p = parts.get();
    return new RuleChecks(
        settings, p.options().tagRules(), new FieldRules(p.fieldDefinitions()), engine.macros());
  }

  private void require(Actor actor) {
    if (!parts.get().policy().permits(actor, Operation.MANAGE_AUTOMATIONS)) {
      throw Access.denied(actor, Operation.MANAGE_AUTOMATIONS, "automation rules");
    }
  }

  private RuleRecord find(String ruleId) {
    return store.findRule(ruleId).orElseThrow(() -> new NotFoundException("rule", ruleId));
  }

  private Instant now() {
    return parts.get().clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static ConflictException stale(String ruleId, int expected, int actual) {
    String message =
        "rule " + ruleId + " is at version " + actual + ", not " + expected + "; read it again";
    return ConflictException.conflict(message, new IllegalStateException(message));
  }

  private static RuleRecord record(
      String id,
      long revision,
      int version,
      RuleDefinition d,
      boolean enabled,
      @org.jspecify.annotations.Nullable String reason,
      Instant createdAt,
      Instant updatedAt,
      String updatedBy) {
    return new RuleRecord(
        id,
        revision,
        version,
        d.name().strip(),
        d.kind().name(),
        d.position(),
        enabled,
        reason,
        RuleCodec.encode(d),
        createdAt,
        updatedAt,
        updatedBy);
  }
}
