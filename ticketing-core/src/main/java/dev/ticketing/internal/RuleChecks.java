package dev.ticketing.internal;

import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.TagRules;
import dev.ticketing.Violation;
import dev.ticketing.assignment.AgentProfile;
import dev.ticketing.automation.AutomationSettings;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleKind;
import dev.ticketing.spi.Recipient;
import dev.ticketing.validation.IdValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a rule's definition before it is stored, naming each bad part as the caller wrote it
 * ({@code name}, {@code events}, {@code conditions[2].tag}, {@code actions[0].url}).
 */
final class RuleChecks {

  static final int MAX_NAME = 200;
  static final int MAX_TEMPLATE = 10_000;
  static final int MAX_POSITION = 1_000_000;
  static final Duration MAX_DURATION = Duration.ofDays(3650);

  private final AutomationSettings settings;
  private final int maxTagLength;
  private final FieldRules fields;
  private final RuleMacros macros;
  private @Nullable Map<String, FieldDefinition> definitions;

  RuleChecks(AutomationSettings settings, TagRules tags, FieldRules fields, RuleMacros macros) {
    this.settings = settings;
    this.maxTagLength = tags.maxLength();
    this.fields = fields;
    this.macros = macros;
  }

  /** A multiple choice field's value as a rule writes it: choices separated by commas. */
  static List<String> choices(String value) {
    List<String> out = new ArrayList<>();
    for (String c : value.split(",")) {
      if (!c.isBlank()) {
        out.add(c.strip());
      }
    }
    return out;
  }

  void check(RuleDefinition d) {
    List<Violation> problems = new ArrayList<>();
    String name = d.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME || hasControl(name)) {
      problems.add(new Violation("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    if (d.position() < 0 || d.position() > MAX_POSITION) {
      problems.add(new Violation("position", "must be 0 to " + MAX_POSITION));
    }
    if (d.kind() == RuleKind.TRIGGER && d.events().isEmpty()) {
      problems.add(new Violation("events", "a trigger needs at least one event"));
    }
    if (d.kind() == RuleKind.TIME) {
      if (!d.events().isEmpty()) {
        problems.add(new Violation("events", "a time rule reacts to no event"));
      }
      if (d.conditions().stream().noneMatch(c -> c instanceof Condition.Elapsed)) {
        problems.add(new Violation("conditions", "a time rule needs an elapsed-time condition"));
      }
    }
    if (d.actions().isEmpty()) {
      problems.add(new Violation("actions", "at least one action is required"));
    }
    if (d.conditions().size() + d.actions().size() > settings.maxActions()) {
      problems.add(
          new Violation(
              "actions", "conditions and actions together are at most " + settings.maxActions()));
    }
    for (int i = 0; i < d.conditions().size(); i++) {
      condition("conditions[" + i + "]", d.conditions().get(i), d.kind(), problems);
    }
    for (int i = 0; i < d.actions().size(); i++) {
      action("actions[" + i + "]", d.actions().get(i), problems);
    }
    InputValidator.throwIfAny(problems);
  }

  private void condition(String at, Condition c, RuleKind kind, List<Violation> problems) {
    if (c instanceof Condition.StatusIs x) {
      nonEmpty(at + ".statuses", x.statuses(), problems);
    } else if (c instanceof Condition.PriorityIs x) {
      nonEmpty(at + ".priorities", x.priorities(), problems);
    } else if (c instanceof Condition.CategoryIs x) {
      nonEmpty(at + ".categories", x.categories(), problems);
    } else if (c instanceof Condition.HasTag x) {
      tag(at + ".tag", x.tag(), problems);
    } else if (c instanceof Condition.LacksTag x) {
      tag(at + ".tag", x.tag(), problems);
    } else if (c instanceof Condition.AssigneeIs x) {
      if (x.agentId() != null && !IdValidator.isWellFormed(x.agentId())) {
        problems.add(new Violation(at + ".agentId", "must be a well-formed id"));
      }
    } else if (c instanceof Condition.CompanyIs x) {
      if (!IdValidator.isWellFormed(x.companyId())) {
        problems.add(new Violation(at + ".companyId", "must be a well-formed id"));
      }
    } else if (c instanceof Condition.ActorIs x) {
      nonEmpty(at + ".roles", x.roles(), problems);
      if (kind == RuleKind.TIME) {
        problems.add(new Violation(at, "a time rule has no actor"));
      }
    } else if (c instanceof Condition.Changed x) {
      if (x.field().isBlank() || x.field().length() > 100) {
        problems.add(new Violation(at + ".field", "must be 1 to 100 characters"));
      }
      if (kind == RuleKind.TIME) {
        problems.add(new Violation(at, "a time rule reacts to no change"));
      }
    } else if (c instanceof Condition.Elapsed x) {
      if (x.duration().isNegative()
          || x.duration().isZero()
          || x.duration().compareTo(MAX_DURATION) > 0) {
        problems.add(new Violation(at + ".duration", "must be positive and at most 3650 days"));
      }
      if (x.calendarId() != null && !settings.calendars().containsKey(x.calendarId())) {
        problems.add(new Violation(at + ".calendarId", "is not a known business calendar"));
      }
    } else if (c instanceof Condition.FieldIs x) {
      FieldDefinition d = field(at + ".key", x.key(), problems);
      if (x.values().isEmpty()) {
        problems.add(new Violation(at + ".values", "at least one value is required"));
      }
      if (d != null) {
        for (String v : new java.util.TreeSet<>(x.values())) {
          comparable(at + ".values", d, v, problems);
        }
      }
    } else if (c instanceof Condition.FieldBetween x) {
      FieldDefinition d = field(at + ".key", x.key(), problems);
      if (d != null && !d.type().ordered()) {
        problems.add(
            new Violation(
                at + ".key", "field " + x.key() + " compares by equality only: use a field is"));
      } else if (x.from() == null && x.to() == null) {
        problems.add(new Violation(at, "needs a from or a to"));
      } else if (d != null) {
        if (x.from() != null) {
          comparable(at + ".from", d, x.from(), problems);
        }
        if (x.to() != null) {
          comparable(at + ".to", d, x.to(), problems);
        }
      }
    } else if (c instanceof Condition.AnyOf x) {
      if (x.conditions().isEmpty()) {
        problems.add(new Violation(at + ".conditions", "at least one condition is required"));
      }
      for (int i = 0; i < x.conditions().size(); i++) {
        condition(at + ".conditions[" + i + "]", x.conditions().get(i), kind, problems);
      }
    }
  }

  private void action(String at, RuleAction a, List<Violation> problems) {
    if (a instanceof RuleAction.AssignTo x) {
      if (!IdValidator.isWellFormed(x.agentId())) {
        problems.add(new Violation(at + ".agentId", "must be a well-formed id"));
      }
    } else if (a instanceof RuleAction.AssignByStrategy x) {
      Set<String> known = settings.chooser().strategies();
      if (x.strategy().isBlank() || x.strategy().length() > 100) {
        problems.add(new Violation(at + ".strategy", "must be 1 to 100 characters"));
      } else if (known != null && !known.contains(x.strategy())) {
        problems.add(
            new Violation(
                at + ".strategy",
                "'" + x.strategy() + "' is not an assignment strategy; known: " + known));
      }
      for (int i = 0; i < x.skills().size(); i++) {
        String skill = AgentProfile.normalise(x.skills().get(i));
        if (!AgentProfile.wellFormed(skill)) {
          problems.add(
              new Violation(at + ".skills[" + i + "]", "must be 1 to 64 of a-z 0-9 : . _ -"));
        }
      }
    } else if (a instanceof RuleAction.SetFieldValue x) {
      FieldDefinition d = field(at + ".key", x.key(), problems);
      if (d != null) {
        Object raw = d.type() == FieldType.MULTI_CHOICE ? choices(x.value()) : x.value();
        List<Violation> found = new ArrayList<>();
        fields.value(d, raw, null, found);
        found.forEach(v -> problems.add(new Violation(at + ".value", v.message())));
      }
    } else if (a instanceof RuleAction.ApplyMacro x) {
      if (x.macro().isBlank()) {
        problems.add(new Violation(at + ".macro", "must name a macro by id or name"));
      } else if (knownMacro(x.macro()) == null) {
        problems.add(new Violation(at + ".macro", "names no macro: '" + x.macro() + "'"));
      }
    } else if (a instanceof RuleAction.AddTags x) {
      tags(at + ".tags", x.tags(), problems);
    } else if (a instanceof RuleAction.RemoveTags x) {
      tags(at + ".tags", x.tags(), problems);
    } else if (a instanceof RuleAction.AddNote x) {
      template(at + ".template", x.template(), problems);
    } else if (a instanceof RuleAction.AddReply x) {
      template(at + ".template", x.template(), problems);
    } else if (a instanceof RuleAction.Notify x) {
      template(at + ".message", x.message(), problems);
      boolean user = x.to() == RuleAction.Notify.Audience.USER;
      if (user && (x.userId() == null || !IdValidator.isWellFormed(x.userId()))) {
        problems.add(new Violation(at + ".userId", "must be a well-formed user id"));
      } else if (!user && x.userId() != null) {
        problems.add(new Violation(at + ".userId", "is only for a notification to a user"));
      }
      boolean address = x.to() == RuleAction.Notify.Audience.ADDRESS;
      if (address && (x.address() == null || !Recipient.isWellFormedAddress(x.address()))) {
        problems.add(new Violation(at + ".address", "must be an e-mail address"));
      } else if (!address && x.address() != null) {
        problems.add(new Violation(at + ".address", "is only for a notification to an address"));
      }
    } else if (a instanceof RuleAction.CallWebhook x) {
      String scheme = x.url().getScheme();
      if (!x.url().isAbsolute()
          || x.url().getHost() == null
          || !("https".equals(scheme) || "http".equals(scheme))) {
        problems.add(new Violation(at + ".url", "must be an absolute http(s) URL"));
      }
      if (!settings.webhookSecrets().containsKey(x.secretName())) {
        problems.add(new Violation(at + ".secretName", "names no configured webhook secret"));
      }
    }
  }

  /** The field's current definition, or null with a violation naming the unknown key. */
  private @Nullable FieldDefinition field(String at, String key, List<Violation> problems) {
    Map<String, FieldDefinition> defs = definitions;
    if (defs == null) {
      defs = fields.current();
      definitions = defs;
    }
    FieldDefinition d = defs.get(key);
    if (d == null) {
      problems.add(new Violation(at, "'" + key + "' " + FieldRules.UNKNOWN));
    }
    return d;
  }

  /** A value a condition compares the field with, read as the field's type reads it. */
  private void comparable(String at, FieldDefinition d, String value, List<Violation> problems) {
    List<Violation> found = new ArrayList<>();
    if (d.type() == FieldType.CHOICE || d.type() == FieldType.MULTI_CHOICE) {
      if (!d.choices().contains(value)) {
        found.add(new Violation(at, "'" + value + "' is not one of the field's choices"));
      }
    } else {
      fields.value(d, value, null, found);
    }
    found.forEach(v -> problems.add(new Violation(at, v.message())));
  }

  private @Nullable String knownMacro(String macro) {
    try {
      return macros.find(macro).orElse(null);
    } catch (RuntimeException e) {
      return null; // macros are not configured
    }
  }

  private void tags(String at, List<String> tags, List<Violation> problems) {
    if (tags.isEmpty()) {
      problems.add(new Violation(at, "at least one tag is required"));
    }
    for (int i = 0; i < tags.size(); i++) {
      tag(at + "[" + i + "]", tags.get(i), problems);
    }
  }

  private void tag(String at, String tag, List<Violation> problems) {
    String problem = TagRules.problemWith(TagRules.normalise(tag), maxTagLength);
    if (problem != null) {
      problems.add(new Violation(at, problem));
    }
  }

  private static void template(String at, String text, List<Violation> problems) {
    if (text.isBlank() || text.length() > MAX_TEMPLATE) {
      problems.add(new Violation(at, "must be 1 to " + MAX_TEMPLATE + " characters"));
    }
  }

  private static void nonEmpty(String at, Set<?> values, List<Violation> problems) {
    if (values.isEmpty()) {
      problems.add(new Violation(at, "at least one value is required"));
    }
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }
}
