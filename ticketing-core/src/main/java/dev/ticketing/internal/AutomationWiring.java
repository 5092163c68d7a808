package dev.ticketing.internal;

import dev.ticketing.automation.AssigneeChooser;
import dev.ticketing.automation.AutomationScheduler;
import dev.ticketing.automation.AutomationService;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.DryRun;
import dev.ticketing.automation.Rule;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.escalation.SlaScheduler;
import dev.ticketing.memory.InMemoryAutomationStore;
import dev.ticketing.memory.InMemoryTicketStore;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.AutomationStore;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Plugs automation rules into the service: the engine as a listener of every change whose triggers
 * run at the end of each unit of work (the automation store's unit of work around the ticket
 * store's), the admin facade, the time-rule scheduler, and what the SLA scheduler tells of its
 * alerts.
 */
public final class AutomationWiring {

  private AutomationWiring() {}

  /**
   * What a {@link dev.ticketing.Ticketing} needs.
   *
   * @param alerts what the SLA scheduler tells of each alert it raises; a no-op when automation is
   *     off
   */
  public record Parts(
      Extension extension,
      AutomationService service,
      AutomationScheduler scheduler,
      SlaScheduler.AlertListener alerts,
      boolean on) {}

  /**
   * Automation over {@code store} (beside an in-memory ticket store, a new in-memory one sharing
   * its units of work) when {@code settings} or {@code store} is given; off otherwise: the facade
   * then refuses writes and the scheduler fires nothing.
   *
   * @throws IllegalStateException for automation on a database ticket store without an automation
   *     store
   */
  public static Parts assemble(
      EngineParts parts, @Nullable AutomationSettings settings, @Nullable AutomationStore store) {
    return assemble(parts, settings, store, AssigneeChooser.NONE, RuleMacros.NONE);
  }

  /**
   * As {@link #assemble(EngineParts, AutomationSettings, AutomationStore)}, with the capabilities
   * rules act through: {@code chooser} for assignment by strategy unless the settings name their
   * own, and the macros rules may apply.
   */
  public static Parts assemble(
      EngineParts parts,
      @Nullable AutomationSettings settings,
      @Nullable AutomationStore store,
      AssigneeChooser chooser,
      RuleMacros macros) {
    if (settings == null && store == null) {
      return new Parts(
          Extension.NONE,
          new Off(parts),
          new AutomationScheduler(() -> 0, AutomationSettings.defaults().schedulerInterval()),
          (t, a) -> {},
          false);
    }
    AutomationSettings given = settings != null ? settings : AutomationSettings.defaults();
    AutomationSettings s =
        given.chooser() == AssigneeChooser.NONE ? given.withChooser(chooser) : given;
    AutomationStore rules = store;
    if (rules == null) {
      if (!(CountingTicketStore.unwrap(parts.store()) instanceof InMemoryTicketStore memory)) {
        throw new IllegalStateException(
            "automation on a database store needs an automation store on the same database:"
                + " automationStore(..)");
      }
      rules = InMemoryAutomationStore.beside(memory);
    }
    RuleBook book = new RuleBook(rules, parts.clock(), s.ruleCacheTtl());
    AutomationEngine engine = new AutomationEngine(rules, book, s, macros);
    Extension extension =
        new Extension(
            List.of(engine),
            new Enclosure() {
              @Override
              public <T> T around(Supplier<T> work) {
                return engine.around(work);
              }
            },
            engine::settle,
            engine::bind);
    TimeRules time = new TimeRules(rules, book, engine, s);
    return new Parts(
        extension,
        new DefaultAutomationService(rules, book, engine, s, () -> parts),
        new AutomationScheduler(time::round, s.schedulerInterval()),
        engine::alerted,
        true);
  }

  /** The facade while automation is off: permission checked, then refused. */
  private static final class Off implements AutomationService {
    private final EngineParts parts;

    Off(EngineParts parts) {
      this.parts = parts;
    }

    private <T> T off(Actor actor) {
      if (!parts.policy().permits(actor, Operation.MANAGE_AUTOMATIONS)) {
        throw Access.denied(actor, Operation.MANAGE_AUTOMATIONS, "automation rules");
      }
      throw new IllegalStateException(
          "automation is off: Ticketing.Builder.automations(..) turns it on");
    }

    @Override
    public Rule create(Actor actor, RuleDefinition definition) {
      return off(actor);
    }

    @Override
    public Rule update(Actor actor, String ruleId, int expectedVersion, RuleDefinition d) {
      return off(actor);
    }

    @Override
    public Rule enable(Actor actor, String ruleId) {
      return off(actor);
    }

    @Override
    public Rule disable(Actor actor, String ruleId) {
      return off(actor);
    }

    @Override
    public void delete(Actor actor, String ruleId) {
      off(actor);
    }

    @Override
    public Rule rule(Actor actor, String ruleId) {
      return off(actor);
    }

    @Override
    public List<Rule> rules(Actor actor) {
      return off(actor);
    }

    @Override
    public List<Rule> versions(Actor actor, String ruleId) {
      return off(actor);
    }

    @Override
    public DryRun dryRun(Actor actor, RuleDefinition definition) {
      return off(actor);
    }

    @Override
    public DryRun dryRun(Actor actor, String ruleId) {
      return off(actor);
    }
  }
}
