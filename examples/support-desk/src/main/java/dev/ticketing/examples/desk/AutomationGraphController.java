package dev.ticketing.examples.desk;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.Ticketing;
import dev.ticketing.ValidationException;
import dev.ticketing.automation.AutomationService;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.DryRun;
import dev.ticketing.automation.Rule;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.automation.RuleKind;
import dev.ticketing.automation.Since;
import dev.ticketing.policy.Role;
import dev.ticketing.spring.security.ActorResolver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * (extension) Automation rules over GraphQL ({@code graphql/automations.graphqls}): each operation
 * is one call of the library's admin facade on behalf of the current actor, which checks the
 * permission and the definition. Inputs name their parts as the schema does; a value that names no
 * status, priority, event or the like is a {@code VALIDATION} error naming the field.
 */
@Controller
class AutomationGraphController {

  private final AutomationService rules;
  private final ActorResolver actors;

  AutomationGraphController(Ticketing ticketing, ActorResolver actors) {
    this.rules = ticketing.automations();
    this.actors = actors;
  }

  /** A rule as the schema's {@code AutomationRule}. */
  record RuleNode(
      String id,
      int version,
      String name,
      String kind,
      int position,
      List<String> events,
      List<String> conditions,
      List<String> actions,
      boolean enabled,
      @Nullable String disabledReason,
      String actorId,
      String updatedBy,
      Instant updatedAt) {

    static RuleNode of(Rule r) {
      RuleDefinition d = r.definition();
      return new RuleNode(
          r.id(),
          r.version(),
          d.name(),
          d.kind().name(),
          d.position(),
          d.events().stream().map(Enum::name).sorted().toList(),
          d.conditions().stream().map(Object::toString).toList(),
          d.actions().stream().map(Object::toString).toList(),
          r.enabled(),
          r.disabledReason(),
          r.actorId(),
          r.updatedBy(),
          r.updatedAt());
    }
  }

  record PlannedNode(String ticketId, String action, String outcome) {}

  record DryRunNode(int examined, List<String> matched, List<PlannedNode> actions) {
    static DryRunNode of(DryRun run) {
      return new DryRunNode(
          run.examined(),
          run.matched(),
          run.actions().stream()
              .map(a -> new PlannedNode(a.ticketId(), a.action().toString(), a.outcome()))
              .toList());
    }
  }

  record ConditionInput(
      String type,
      @Nullable String value,
      @Nullable List<String> values,
      @Nullable String field,
      @Nullable String from,
      @Nullable String to,
      @Nullable String since,
      @Nullable Integer hours,
      @Nullable String calendarId) {}

  record ActionInput(
      String type,
      @Nullable String value,
      @Nullable List<String> values,
      @Nullable String text,
      @Nullable String audience,
      @Nullable String userId,
      @Nullable String url,
      @Nullable String secretName,
      @Nullable String field,
      @Nullable String address) {}

  record RuleInput(
      String name,
      String kind,
      int position,
      @Nullable List<String> events,
      @Nullable List<ConditionInput> conditions,
      List<ActionInput> actions) {}

  @QueryMapping
  List<RuleNode> automationRules() {
    return rules.rules(actors.currentActor()).stream().map(RuleNode::of).toList();
  }

  @QueryMapping
  List<RuleNode> automationRuleVersions(@Argument String id) {
    return rules.versions(actors.currentActor(), id).stream().map(RuleNode::of).toList();
  }

  @QueryMapping
  DryRunNode automationDryRun(@Argument String id) {
    return DryRunNode.of(rules.dryRun(actors.currentActor(), id));
  }

  @MutationMapping
  RuleNode createAutomationRule(@Argument RuleInput input) {
    return RuleNode.of(rules.create(actors.currentActor(), definition(input)));
  }

  @MutationMapping
  RuleNode updateAutomationRule(
      @Argument String id, @Argument int expectedVersion, @Argument RuleInput input) {
    return RuleNode.of(rules.update(actors.currentActor(), id, expectedVersion, definition(input)));
  }

  @MutationMapping
  RuleNode setAutomationRuleEnabled(@Argument String id, @Argument boolean enabled) {
    return RuleNode.of(
        enabled
            ? rules.enable(actors.currentActor(), id)
            : rules.disable(actors.currentActor(), id));
  }

  @MutationMapping
  boolean deleteAutomationRule(@Argument String id) {
    rules.delete(actors.currentActor(), id);
    return true;
  }

  // ---- inputs to the library's definitions

  static RuleDefinition definition(RuleInput in) {
    RuleKind kind = parse("input.kind", in.kind(), RuleKind::valueOf);
    Set<RuleEvent> events = new LinkedHashSet<>();
    List<String> named = in.events() == null ? List.of() : in.events();
    for (int i = 0; i < named.size(); i++) {
      events.add(parse("input.events[" + i + "]", named.get(i), RuleEvent::valueOf));
    }
    List<Condition> conditions = new ArrayList<>();
    List<ConditionInput> cs = in.conditions() == null ? List.of() : in.conditions();
    for (int i = 0; i < cs.size(); i++) {
      conditions.add(condition("input.conditions[" + i + "]", cs.get(i)));
    }
    List<RuleAction> actions = new ArrayList<>();
    for (int i = 0; i < in.actions().size(); i++) {
      actions.add(action("input.actions[" + i + "]", in.actions().get(i)));
    }
    return new RuleDefinition(in.name(), kind, in.position(), events, conditions, actions);
  }

  private static Condition condition(String at, ConditionInput c) {
    return switch (c.type()) {
      case "STATUS_IS" -> new Condition.StatusIs(values(at, c.values(), Status::valueOf));
      case "PRIORITY_IS" -> new Condition.PriorityIs(values(at, c.values(), Priority::valueOf));
      case "CATEGORY_IS" -> new Condition.CategoryIs(values(at, c.values(), Category::of));
      case "HAS_TAG" -> new Condition.HasTag(required(at + ".value", c.value()));
      case "LACKS_TAG" -> new Condition.LacksTag(required(at + ".value", c.value()));
      case "ASSIGNEE_IS" -> new Condition.AssigneeIs(c.value());
      case "COMPANY_IS" -> new Condition.CompanyIs(required(at + ".value", c.value()));
      case "ACTOR_IS" -> new Condition.ActorIs(values(at, c.values(), Role::valueOf));
      case "FIELD_IS" ->
          new Condition.FieldIs(
              required(at + ".field", c.field()), values(at, c.values(), String::toString));
      case "FIELD_BETWEEN" ->
          new Condition.FieldBetween(required(at + ".field", c.field()), c.from(), c.to());
      case "CHANGED" -> new Condition.Changed(required(at + ".field", c.field()), c.from(), c.to());
      case "ELAPSED" ->
          new Condition.Elapsed(
              parse(at + ".since", required(at + ".since", c.since()), Since::valueOf),
              Duration.ofHours(required(at + ".hours", c.hours())),
              c.calendarId());
      default -> throw ValidationException.of(at + ".type", "is not a condition type");
    };
  }

  private static RuleAction action(String at, ActionInput a) {
    return switch (a.type()) {
      case "SET_PRIORITY" ->
          new RuleAction.SetPriority(parse(at + ".value", a.value(), Priority::valueOf));
      case "SET_CATEGORY" ->
          new RuleAction.SetCategory(parse(at + ".value", a.value(), Category::of));
      case "SET_STATUS" ->
          new RuleAction.SetStatus(parse(at + ".value", a.value(), Status::valueOf));
      case "ASSIGN_TO" -> new RuleAction.AssignTo(required(at + ".value", a.value()));
      case "ASSIGN_BY_STRATEGY" ->
          new RuleAction.AssignByStrategy(
              required(at + ".value", a.value()), a.values() == null ? List.of() : a.values());
      case "SET_FIELD" ->
          new RuleAction.SetFieldValue(
              required(at + ".field", a.field()), required(at + ".value", a.value()));
      case "APPLY_MACRO" -> new RuleAction.ApplyMacro(required(at + ".value", a.value()));
      case "ADD_TAGS" -> new RuleAction.AddTags(a.values() == null ? List.of() : a.values());
      case "REMOVE_TAGS" -> new RuleAction.RemoveTags(a.values() == null ? List.of() : a.values());
      case "ADD_NOTE" -> new RuleAction.AddNote(required(at + ".text", a.text()));
      case "ADD_REPLY" -> new RuleAction.AddReply(required(at + ".text", a.text()));
      case "NOTIFY" ->
          new RuleAction.Notify(
              parse(at + ".audience", a.audience(), RuleAction.Notify.Audience::valueOf),
              a.userId(),
              required(at + ".text", a.text()),
              a.address());
      case "CALL_WEBHOOK" ->
          new RuleAction.CallWebhook(
              parse(at + ".url", a.url(), URI::create),
              required(at + ".secretName", a.secretName()));
      default -> throw ValidationException.of(at + ".type", "is not an action type");
    };
  }

  private static <T> T required(String at, @Nullable T value) {
    if (value == null) {
      throw ValidationException.of(at, "is required");
    }
    return value;
  }

  private static <T> T parse(String at, @Nullable String value, Function<String, T> parse) {
    try {
      return parse.apply(required(at, value).strip());
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(at, "is not a known value");
    }
  }

  private static <T> Set<T> values(
      String at, @Nullable List<String> values, Function<String, T> parse) {
    Set<T> out = new LinkedHashSet<>();
    List<String> given = values == null ? List.of() : values;
    for (int i = 0; i < given.size(); i++) {
      out.add(parse(at + ".values[" + i + "]", given.get(i), parse));
    }
    return out;
  }
}
