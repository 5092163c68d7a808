package dev.ticketing.internal;

import dev.ticketing.AddComment;
import dev.ticketing.AssignTicket;
import dev.ticketing.ChangeTags;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.NotificationTemplate;
import dev.ticketing.SetFieldValues;
import dev.ticketing.UpdateTicket;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.PlannedAction;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.policy.PermissionPolicy;
import dev.ticketing.spi.NotificationRequest;
import dev.ticketing.spi.Recipient;
import dev.ticketing.spi.Subject;
import dev.ticketing.spi.TicketRecord;
import dev.ticketing.workflow.TransitionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Does what a rule's actions say, through the engine's own edits: the same validation, permission
 * checks (for the rule's actor), state machine, audit entries and notifications as a person's call.
 * Also says, without writing, what they would do (a dry run).
 */
final class RuleActions {

  /** The notification a {@link RuleAction.Notify} writes to the outbox. */
  static final NotificationTemplate NOTICE = new NotificationTemplate("automation-notice");

  private final EngineHandle h;
  private final AutomationSettings settings;
  private final RuleWebhooks webhooks;
  private final RuleMacros macros;

  RuleActions(
      EngineHandle h, AutomationSettings settings, RuleWebhooks webhooks, RuleMacros macros) {
    this.h = h;
    this.settings = settings;
    this.webhooks = webhooks;
    this.macros = macros;
  }

  /**
   * Runs one action on a ticket as the rule's actor; {@code later} takes what must wait for the
   * commit (webhook calls). Throws what the edit throws when its checks refuse.
   */
  void run(ActiveRule rule, RuleAction a, TicketRecord t, Consumer<Runnable> later) {
    Actor actor = rule.actor();
    String id = t.id();
    if (a instanceof RuleAction.SetPriority x) {
      h.edits.update(actor, new UpdateTicket(id, null, null, x.priority(), null), null);
    } else if (a instanceof RuleAction.SetCategory x) {
      UpdateTicket input = new UpdateTicket(id, null, null, null, x.category());
      Subject subject = h.edits.updatedSubject(input);
      h.edits.update(actor, input, subject);
    } else if (a instanceof RuleAction.SetStatus x) {
      if (t.status() != x.status()) {
        h.edits.changeStatus(actor, id, x.status());
      }
    } else if (a instanceof RuleAction.AssignTo x) {
      h.edits.assign(actor, new AssignTicket(id, x.agentId()));
    } else if (a instanceof RuleAction.AssignByStrategy x) {
      if (t.assigneeId() != null) {
        return; // an assigned ticket is left as it is
      }
      // Checked before the pick, which claims the agent.
      if (!h.parts.policy().permits(actor, Operation.ASSIGN_TICKET, t)) {
        throw Access.denied(actor, Operation.ASSIGN_TICKET, "ticket " + id);
      }
      String agent = settings.chooser().choose(t, x.strategy(), Set.copyOf(x.skills()));
      if (agent == null) {
        throw new IllegalStateException("strategy " + x.strategy() + " chose nobody");
      }
      h.edits.assign(actor, new AssignTicket(id, agent));
    } else if (a instanceof RuleAction.SetFieldValue x) {
      h.fields.apply(actor, SetFieldValues.set(id, x.key(), fieldValue(x)));
    } else if (a instanceof RuleAction.ApplyMacro x) {
      macros.apply(actor, x.macro(), id);
    } else if (a instanceof RuleAction.AddTags x) {
      h.tags.apply(actor, h.tags.check(new ChangeTags(id, x.tags(), null, null)));
    } else if (a instanceof RuleAction.RemoveTags x) {
      h.tags.apply(actor, h.tags.check(new ChangeTags(id, null, x.tags(), null)));
    } else if (a instanceof RuleAction.AddNote x) {
      h.comments.add(actor, new AddComment(id, render(x.template(), t, rule), true));
    } else if (a instanceof RuleAction.AddReply x) {
      h.comments.add(actor, new AddComment(id, render(x.template(), t, rule), false));
    } else if (a instanceof RuleAction.Notify x) {
      notify(rule, x, t);
    } else if (a instanceof RuleAction.CallWebhook x) {
      String secret = settings.webhookSecrets().get(x.secretName());
      if (secret == null) {
        throw new IllegalStateException("no webhook secret named " + x.secretName());
      }
      String body = webhookBody(rule, t);
      later.accept(() -> webhooks.send(x.url(), secret, body));
    }
  }

  /** What {@link #run} would do, checked against the policy and the state machine, unwritten. */
  PlannedAction plan(ActiveRule rule, RuleAction a, TicketRecord t) {
    Actor actor = rule.actor();
    PermissionPolicy policy = h.parts.policy();
    String outcome = PlannedAction.WOULD_RUN;
    Operation needed = operation(a);
    if (needed != null && !policy.permits(actor, needed, t)) {
      outcome = "refused: the policy does not grant rules (admin role) " + needed;
    } else if (a instanceof RuleAction.SetStatus x && t.status() != x.status()) {
      TransitionTable transitions = h.parts.options().transitions();
      if (!transitions.allows(t.status(), x.status())) {
        outcome = "skipped: " + t.status() + " -> " + x.status() + " is not a transition";
      } else if (!policy.permitsStatusChange(actor, t, x.status())) {
        outcome = "refused: the policy does not let rules move " + t.status() + " -> " + x.status();
      }
    } else if (a instanceof RuleAction.AssignByStrategy x && t.assigneeId() != null) {
      outcome = "skipped: the ticket is assigned";
    } else if (a instanceof RuleAction.AssignByStrategy x && !anyAgent(t, x)) {
      outcome = "skipped: strategy " + x.strategy() + " chooses nobody";
    } else if (a instanceof RuleAction.ApplyMacro x && macros.find(x.macro()).isEmpty()) {
      outcome = "skipped: no macro " + x.macro();
    }
    return new PlannedAction(t.id(), a, outcome);
  }

  private static @org.jspecify.annotations.Nullable Operation operation(RuleAction a) {
    if (a instanceof RuleAction.SetPriority || a instanceof RuleAction.SetCategory) {
      return Operation.UPDATE_TICKET;
    } else if (a instanceof RuleAction.SetStatus) {
      return Operation.CHANGE_STATUS;
    } else if (a instanceof RuleAction.AssignTo || a instanceof RuleAction.AssignByStrategy) {
      return Operation.ASSIGN_TICKET;
    } else if (a instanceof RuleAction.AddTags || a instanceof RuleAction.RemoveTags) {
      return Operation.TAG_TICKET;
    } else if (a instanceof RuleAction.AddNote) {
      return Operation.ADD_INTERNAL_NOTE;
    } else if (a instanceof RuleAction.AddReply) {
      return Operation.COMMENT;
    } else if (a instanceof RuleAction.SetFieldValue) {
      return Operation.SET_FIELDS;
    } else if (a instanceof RuleAction.ApplyMacro) {
      return Operation.APPLY_MACRO;
    }
    return null;
  }

  /** Whether the strategy would choose somebody, claiming nobody (a dry run writes nothing). */
  private boolean anyAgent(TicketRecord t, RuleAction.AssignByStrategy x) {
    Set<String> skills = Set.copyOf(x.skills());
    if (settings.chooser() instanceof StrategyPick pick) {
      return pick.wouldChoose(t, x.strategy(), skills);
    }
    return settings.chooser().choose(t, x.strategy(), skills) != null;
  }

  /** The action's value as the field's service takes it: a multiple choice field's as a list. */
  private Object fieldValue(RuleAction.SetFieldValue x) {
    FieldDefinition d =
        h.parts.fieldDefinitions().current().stream()
            .filter(f -> f.key().equals(x.key()))
            .findFirst()
            .orElse(null);
    if (d != null && d.type() == FieldType.MULTI_CHOICE) {
      return RuleChecks.choices(x.value());
    }
    return x.value();
  }

  private void notify(ActiveRule rule, RuleAction.Notify x, TicketRecord t) {
    List<Recipient> to = new ArrayList<>();
    switch (x.to()) {
      case USER -> to.add(Recipient.user(java.util.Objects.requireNonNull(x.userId())));
      case ADMINS -> to.add(Recipient.admins());
      case ASSIGNEE -> {
        if (t.assigneeId() != null) {
          to.add(Recipient.assignee(t.assigneeId()));
        }
      }
      case REQUESTER -> to.add(Recipient.owner(t.requesterId()));
      case ADDRESS -> to.add(Recipient.address(java.util.Objects.requireNonNull(x.address())));
    }
    if (to.isEmpty()) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ticketId", t.id());
    data.put("ticketTitle", t.title());
    data.put("status", t.status().name());
    data.put("priority", t.priority().name());
    data.put("companyId", t.companyId());
    data.put("ruleId", rule.id());
    data.put("ruleName", rule.definition().name());
    data.put("message", render(x.message(), t, rule));
    h.changes.enqueue(
        List.of(
            new NotificationRequest(
                h.parts.ids().newId(),
                NOTICE,
                to,
                t.id(),
                null,
                rule.actor().id(),
                h.changes.now(),
                data)));
  }

  private static String webhookBody(ActiveRule rule, TicketRecord t) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("event", "automation");
    body.put("ruleId", rule.id());
    body.put("ruleVersion", Integer.toString(rule.version()));
    body.put("ticketId", t.id());
    body.put("status", t.status().name());
    body.put("priority", t.priority().name());
    return RuleWebhooks.json(body);
  }

  /** A template with the ticket's and rule's values in place of their placeholders. */
  static String render(String template, TicketRecord t, ActiveRule rule) {
    return template
        .replace("{{ticket.id}}", t.id())
        .replace("{{ticket.title}}", t.title())
        .replace("{{ticket.status}}", t.status().name())
        .replace("{{ticket.priority}}", t.priority().name())
        .replace("{{ticket.category}}", t.category().name())
        .replace("{{rule.name}}", rule.definition().name());
  }
}
