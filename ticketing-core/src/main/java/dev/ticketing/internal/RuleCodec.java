package dev.ticketing.internal;

import dev.ticketing.Category;
import dev.ticketing.Priority;
import dev.ticketing.Status;
import dev.ticketing.automation.Condition;
import dev.ticketing.automation.RuleAction;
import dev.ticketing.automation.RuleDefinition;
import dev.ticketing.automation.RuleEvent;
import dev.ticketing.automation.RuleKind;
import dev.ticketing.automation.Since;
import dev.ticketing.policy.Role;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A rule's events, conditions and actions as the text stores keep: one line per part, {@code
 * kind|argument|...}, each argument URL-encoded, sets sorted so that equal definitions are equal
 * text. Name, kind and position are columns of their own.
 */
final class RuleCodec {

  private static final String NULL = "~";

  private RuleCodec() {}

  static String encode(RuleDefinition d) {
    List<String> lines = new ArrayList<>();
    lines.add("v1");
    d.events().stream().map(Enum::name).sorted().forEach(e -> lines.add(line("event", e)));
    d.conditions().forEach(c -> lines.add(condition(c)));
    d.actions().forEach(a -> lines.add(action(a)));
    return String.join("\n", lines);
  }

  static RuleDefinition decode(String name, RuleKind kind, int position, String text) {
    Set<RuleEvent> events = EnumSet.noneOf(RuleEvent.class);
    List<Condition> conditions = new ArrayList<>();
    List<RuleAction> actions = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (l.isEmpty() || l.equals("v1")) {
        continue;
      }
      String[] p = parts(l);
      if (p[0].equals("event")) {
        events.add(RuleEvent.valueOf(p[1]));
      } else if (p[0].startsWith("c.")) {
        conditions.add(condition(p));
      } else {
        actions.add(action(p));
      }
    }
    return new RuleDefinition(name, kind, position, events, conditions, actions);
  }

  private static String condition(Condition c) {
    if (c instanceof Condition.StatusIs x) {
      return line("c.status", names(x.statuses(), Enum::name));
    } else if (c instanceof Condition.PriorityIs x) {
      return line("c.priority", names(x.priorities(), Enum::name));
    } else if (c instanceof Condition.CategoryIs x) {
      return line("c.category", names(x.categories(), Category::name));
    } else if (c instanceof Condition.HasTag x) {
      return line("c.hasTag", x.tag());
    } else if (c instanceof Condition.LacksTag x) {
      return line("c.lacksTag", x.tag());
    } else if (c instanceof Condition.AssigneeIs x) {
      return line("c.assignee", x.agentId());
    } else if (c instanceof Condition.CompanyIs x) {
      return line("c.company", x.companyId());
    } else if (c instanceof Condition.ActorIs x) {
      return line("c.actor", names(x.roles(), Enum::name));
    } else if (c instanceof Condition.Changed x) {
      return line("c.changed", x.field(), x.from(), x.to());
    } else if (c instanceof Condition.Elapsed x) {
      return line(
          "c.elapsed", x.since().name(), Long.toString(x.duration().toSeconds()), x.calendarId());
    } else if (c instanceof Condition.FieldIs x) {
      return line("c.fieldIs", x.key(), tags(List.copyOf(new TreeSet<>(x.values()))));
    } else if (c instanceof Condition.FieldBetween x) {
      return line("c.fieldBetween", x.key(), x.from(), x.to());
    } else if (c instanceof Condition.AnyOf x) {
      List<String> inner = new ArrayList<>();
      x.conditions().forEach(i -> inner.add(condition(i)));
      return line("c.anyOf", String.join("\n", inner));
    }
    throw new IllegalArgumentException("unknown condition " + c);
  }

  private static Condition condition(String[] p) {
    return switch (p[0]) {
      case "c.status" -> new Condition.StatusIs(set(p[1], Status::valueOf));
      case "c.priority" -> new Condition.PriorityIs(set(p[1], Priority::valueOf));
      case "c.category" -> new Condition.CategoryIs(set(p[1], Category::of));
      case "c.hasTag" -> new Condition.HasTag(req(p[1]));
      case "c.lacksTag" -> new Condition.LacksTag(req(p[1]));
      case "c.assignee" -> new Condition.AssigneeIs(p[1]);
      case "c.company" -> new Condition.CompanyIs(req(p[1]));
      case "c.actor" -> new Condition.ActorIs(set(p[1], Role::valueOf));
      case "c.changed" -> new Condition.Changed(req(p[1]), p[2], p[3]);
      case "c.elapsed" ->
          new Condition.Elapsed(
              Since.valueOf(req(p[1])), Duration.ofSeconds(Long.parseLong(req(p[2]))), p[3]);
      case "c.fieldIs" -> new Condition.FieldIs(req(p[1]), new LinkedHashSet<>(tags(p[2])));
      case "c.fieldBetween" -> new Condition.FieldBetween(req(p[1]), p[2], p[3]);
      case "c.anyOf" -> {
        List<Condition> inner = new ArrayList<>();
        for (String l : req(p[1]).split("\n")) {
          if (!l.isEmpty()) {
            inner.add(condition(parts(l)));
          }
        }
        yield new Condition.AnyOf(inner);
      }
      default -> throw new IllegalArgumentException("unknown condition " + p[0]);
    };
  }

  private static String action(RuleAction a) {
    if (a instanceof RuleAction.SetPriority x) {
      return line("setPriority", x.priority().name());
    } else if (a instanceof RuleAction.SetCategory x) {
      return line("setCategory", x.category().name());
    } else if (a instanceof RuleAction.SetStatus x) {
      return line("setStatus", x.status().name());
    } else if (a instanceof RuleAction.AssignTo x) {
      return line("assignTo", x.agentId());
    } else if (a instanceof RuleAction.AssignByStrategy x) {
      return x.skills().isEmpty()
          ? line("assignBy", x.strategy())
          : line("assignBy", x.strategy(), tags(x.skills()));
    } else if (a instanceof RuleAction.SetFieldValue x) {
      return line("setField", x.key(), x.value());
    } else if (a instanceof RuleAction.ApplyMacro x) {
      return line("applyMacro", x.macro());
    } else if (a instanceof RuleAction.AddTags x) {
      return line("addTags", tags(x.tags()));
    } else if (a instanceof RuleAction.RemoveTags x) {
      return line("removeTags", tags(x.tags()));
    } else if (a instanceof RuleAction.AddNote x) {
      return line("addNote", x.template());
    } else if (a instanceof RuleAction.AddReply x) {
      return line("addReply", x.template());
    } else if (a instanceof RuleAction.Notify x) {
      return line("notify", x.to().name(), x.userId(), x.message(), x.address());
    } else if (a instanceof RuleAction.CallWebhook x) {
      return line("webhook", x.url().toString(), x.secretName());
    }
    throw new IllegalArgumentException("unknown action " + a);
  }

  private static RuleAction action(String[] p) {
    return switch (p[0]) {
      case "setPriority" -> new RuleAction.SetPriority(Priority.valueOf(req(p[1])));
      case "setCategory" -> new RuleAction.SetCategory(Category.of(req(p[1])));
      case "setStatus" -> new RuleAction.SetStatus(Status.valueOf(req(p[1])));
      case "assignTo" -> new RuleAction.AssignTo(req(p[1]));
      case "assignBy" -> new RuleAction.AssignByStrategy(req(p[1]), tags(p[2]));
      case "setField" -> new RuleAction.SetFieldValue(req(p[1]), req(p[2]));
      case "applyMacro" -> new RuleAction.ApplyMacro(req(p[1]));
      case "addTags" -> new RuleAction.AddTags(tags(p[1]));
      case "removeTags" -> new RuleAction.RemoveTags(tags(p[1]));
      case "addNote" -> new RuleAction.AddNote(req(p[1]));
      case "addReply" -> new RuleAction.AddReply(req(p[1]));
      case "notify" ->
          new RuleAction.Notify(
              RuleAction.Notify.Audience.valueOf(req(p[1])), p[2], req(p[3]), p[4]);
      case "webhook" -> new RuleAction.CallWebhook(URI.create(req(p[1])), req(p[2]));
      default -> throw new IllegalArgumentException("unknown action " + p[0]);
    };
  }

  private static String line(String kind, @Nullable String... args) {
    StringBuilder b = new StringBuilder(kind);
    for (String a : args) {
      b.append('|').append(a == null ? NULL : URLEncoder.encode(a, StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  // Absent values come back as null elements: every reader of an optional value checks for null,
  // and every required one goes through req(..), which refuses a stored rule missing it.
  @SuppressWarnings("NullAway")
  private static String[] parts(String line) {
    String[] raw = line.split("\\|", -1);
    String[] out = new String[Math.max(raw.length, 5)];
    out[0] = raw[0];
    for (int i = 1; i < raw.length; i++) {
      out[i] = raw[i].equals(NULL) ? null : URLDecoder.decode(raw[i], StandardCharsets.UTF_8);
    }
    return out;
  }

  private static String req(@Nullable String s) {
    if (s == null) {
      throw new IllegalArgumentException("a stored rule misses a value");
    }
    return s;
  }

  private static <T> String names(Collection<T> values, Function<T, String> name) {
    Set<String> sorted = new TreeSet<>();
    values.forEach(v -> sorted.add(name.apply(v)));
    return String.join(",", sorted);
  }

  private static <T> Set<T> set(@Nullable String joined, Function<String, T> parse) {
    Set<T> out = new LinkedHashSet<>();
    for (String s : list(joined)) {
      out.add(parse.apply(s));
    }
    return out;
  }

  private static String tags(List<String> tags) {
    List<String> out = new ArrayList<>();
    tags.forEach(t -> out.add(URLEncoder.encode(t, StandardCharsets.UTF_8)));
    return String.join(",", out);
  }

  private static List<String> tags(@Nullable String joined) {
    List<String> out = new ArrayList<>();
    list(joined).forEach(t -> out.add(URLDecoder.decode(t, StandardCharsets.UTF_8)));
    return out;
  }

  private static List<String> list(@Nullable String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(joined.split(","));
  }
}
