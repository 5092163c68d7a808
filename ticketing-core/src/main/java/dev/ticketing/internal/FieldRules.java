package dev.ticketing.internal;

import dev.ticketing.FieldChange;
import dev.ticketing.FieldCondition;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldType;
import dev.ticketing.FieldValue;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.spi.FieldDefinitionStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What custom field values may be: each given value checked against its field's current definition
 * and turned into its canonical {@link FieldValue}, every problem a violation named {@code
 * fields.<key>}. Customers never learn that a staff-only field exists: naming one is an unknown
 * field. Which values an actor sees ({@link #visibleTo}) is decided here too.
 */
final class FieldRules {

  static final String UNKNOWN = "is not a known field";

  /** Most conditions one list filter may hold. */
  static final int MAX_CONDITIONS = 10;

  private final FieldDefinitionStore store;
  private final FieldValueParser parser = new FieldValueParser();

  FieldRules(FieldDefinitionStore store) {
    this.store = store;
  }

  FieldDefinitionStore store() {
    return store;
  }

  /** The current definitions by key (as the engine holds them: a moment old at most). */
  Map<String, FieldDefinition> current() {
    return byKey(store.current());
  }

  /** The current definitions by key, as the store has them now: what changes are checked on. */
  Map<String, FieldDefinition> latest() {
    return byKey(FieldDefinitionCache.latest(store));
  }

  private static Map<String, FieldDefinition> byKey(List<FieldDefinition> definitions) {
    Map<String, FieldDefinition> out = new LinkedHashMap<>();
    definitions.forEach(d -> out.put(d.key(), d));
    return out;
  }

  /**
   * The values of a new ticket of {@code category}: each given value checked, and every required
   * field the actor may see present.
   */
  Map<String, FieldValue> forNewTicket(
      Actor actor, String category, @Nullable Map<String, Object> given, List<Violation> problems) {
    Map<String, FieldDefinition> defs = given == null ? Map.of() : current();
    Map<String, FieldValue> out = new TreeMap<>();
    if (given != null) {
      given.forEach(
          (key, raw) -> {
            FieldDefinition d = settable(actor, defs, key, category, problems);
            if (d == null) {
              return;
            }
            if (raw == null) {
              return; // nothing to start with
            }
            FieldValue v = value(d, raw, null, problems);
            if (v != null) {
              out.put(key, v);
            }
          });
    }
    requireRequired(actor, given == null ? current() : defs, category, out, problems);
    return out;
  }

  private void requireRequired(
      Actor actor,
      Map<String, FieldDefinition> defs,
      String category,
      Map<String, FieldValue> values,
      List<Violation> problems) {
    for (FieldDefinition d : defs.values()) {
      if (d.active()
          && d.required()
          && d.appliesTo(category)
          && (actor.isStaff() || d.customerVisible())
          && !values.containsKey(d.key())) {
        problems.add(new Violation(name(d.key()), "is required"));
      }
    }
  }

  /** A ticket's values after setting and clearing some, and the audit's changes. */
  record Update(Map<String, FieldValue> after, List<FieldChange> changes) {}

  Update update(
      Actor actor,
      String category,
      Map<String, FieldValue> before,
      @Nullable Map<String, Object> set,
      @Nullable List<String> clear,
      List<Violation> problems) {
    Map<String, FieldDefinition> defs = current();
    Map<String, FieldValue> after = new TreeMap<>(before);
    if (set != null) {
      set.forEach(
          (key, raw) -> {
            FieldDefinition d = settable(actor, defs, key, category, problems);
            if (d == null) {
              return;
            }
            if (raw == null) {
              problems.add(new Violation(name(key), "must have a value; clear it instead"));
              return;
            }
            FieldValue v = value(d, raw, before.get(key), problems);
            if (v != null) {
              after.put(key, v);
            }
          });
    }
    if (clear != null) {
      for (String key : clear) {
        FieldDefinition d = key == null ? null : defs.get(key);
        if (d == null || !(actor.isStaff() || d.customerVisible())) {
          problems.add(new Violation(name(key), UNKNOWN));
        } else if (set != null && set.containsKey(key)) {
          problems.add(new Violation(name(key), "is both set and cleared"));
        } else if (d.active() && d.required() && d.appliesTo(category)) {
          problems.add(new Violation(name(key), "is required and cannot be cleared"));
        } else {
          after.remove(key);
        }
      }
    }
    List<FieldChange> changes = new ArrayList<>();
    Set<String> keys = new HashSet<>(before.keySet());
    keys.addAll(after.keySet());
    keys.stream()
        .sorted()
        .forEach(
            key -> {
              FieldValue was = before.get(key);
              FieldValue now = after.get(key);
              if (!java.util.Objects.equals(was, now)) {
                changes.add(ChangeLog.change(name(key), was, now));
              }
            });
    return new Update(after, changes);
  }

  /** A new ticket's audited changes followed by one per field value it starts with. */
  static List<FieldChange> withCreated(Map<String, FieldValue> values, List<FieldChange> others) {
    List<FieldChange> out = new ArrayList<>(others);
    values.forEach((key, v) -> out.add(ChangeLog.change(name(key), null, v)));
    return out;
  }

  /** A list filter's conditions, checked and in canonical form. */
  List<FieldCondition> conditions(
      Actor actor, List<FieldCondition> given, List<Violation> problems) {
    if (given.isEmpty()) {
      return List.of();
    }
    if (given.size() > MAX_CONDITIONS) {
      problems.add(new Violation("fields", "must hold at most " + MAX_CONDITIONS + " conditions"));
      return List.of();
    }
    // What a listing may filter by is what it may show: the store's definitions, read in the
    // listing's unit of work, so a field made staff-only elsewhere is no longer a customer's probe.
    Map<String, FieldDefinition> defs = latest();
    List<FieldCondition> out = new ArrayList<>();
    for (FieldCondition c : given) {
      FieldDefinition d = defs.get(c.key());
      if (d == null || !(actor.isStaff() || d.customerVisible())) {
        problems.add(new Violation(name(c.key()), UNKNOWN));
        continue;
      }
      if (!c.range()) {
        Object v = filterValue(d, c.equalTo(), problems);
        if (v != null) {
          out.add(new FieldCondition(d.key(), v, null, null));
        }
        continue;
      }
      if (!d.type().ordered()) {
        problems.add(
            new Violation(name(d.key()), "compares by equality only: a " + label(d) + " field"));
        continue;
      }
      if (c.from() == null && c.to() == null) {
        problems.add(new Violation(name(d.key()), "needs a value, or a range's from or to"));
        continue;
      }
      Object from = c.from() == null ? null : filterValue(d, c.from(), problems);
      Object to = c.to() == null ? null : filterValue(d, c.to(), problems);
      if ((c.from() == null || from != null) && (c.to() == null || to != null)) {
        out.add(new FieldCondition(d.key(), null, from, to));
      }
    }
    return out;
  }

  private @Nullable Object filterValue(
      FieldDefinition d, @Nullable Object raw, List<Violation> problems) {
    if (raw == null) {
      return null;
    }
    FieldType type = d.type() == FieldType.MULTI_CHOICE ? FieldType.CHOICE : d.type();
    if (type == FieldType.CHOICE) {
      // A filter may name a removed choice: tickets keep it.
      if (!(raw instanceof String s) || s.isBlank()) {
        problems.add(new Violation(name(d.key()), "must be one of the field's choices"));
        return null;
      }
      return s;
    }
    FieldValue v = parser.typed(d, type, raw, problems);
    return v == null ? null : v.value();
  }

  /** What an actor sees of a ticket's values: staff everything, customers the fields shown to them. */
  Visible visibleTo(Actor actor, boolean anyValues) {
    if (actor.isStaff()) {
      return values -> values;
    }
    if (!anyValues) {
      return values -> Map.of();
    }
    Set<String> shown = new HashSet<>();
    // Secrecy reads what the store has now, not what the engine holds: a field made staff-only
    // on another instance is hidden from every read after the change committed.
    FieldDefinitionCache.latest(store).stream()
        .filter(FieldDefinition::customerVisible)
        .forEach(d -> shown.add(d.key()));
    return values -> {
      Map<String, FieldValue> out = new TreeMap<>();
      values.forEach(
          (k, v) -> {
            if (shown.contains(k)) {
              out.put(k, v);
            }
          });
      return out;
    };
  }

  /** The filter of values one actor may see. */
  interface Visible {
    Map<String, FieldValue> of(Map<String, FieldValue> values);
  }

  /** Whether a customer may see changes of this audited field ({@code fields.<key>}). */
  static boolean isFieldChange(String auditField) {
    return auditField.startsWith("fields.");
  }

  static String name(@Nullable String key) {
    return "fields." + key;
  }

  private @Nullable FieldDefinition settable(
      Actor actor,
      Map<String, FieldDefinition> defs,
      @Nullable String key,
      String category,
      List<Violation> problems) {
    FieldDefinition d = key == null ? null : defs.get(key);
    if (d == null || !(actor.isStaff() || d.customerVisible())) {
      problems.add(new Violation(name(key), UNKNOWN));
      return null;
    }
    if (!d.active()) {
      problems.add(new Violation(name(key), "is retired: its values can no longer be set"));
      return null;
    }
    if (!d.appliesTo(category)) {
      problems.add(new Violation(name(key), "does not apply to tickets of subject " + category));
      return null;
    }
    return d;
  }

  /**
   * A given value as the field's canonical value, or null with a violation. Choices must be offered
   * now, except those the ticket already holds ({@code held}): a removed choice stays where it is.
   */
  @Nullable FieldValue value(
      FieldDefinition d, Object raw, @Nullable FieldValue held, List<Violation> problems) {
    if (d.type() == FieldType.CHOICE || d.type() == FieldType.MULTI_CHOICE) {
      List<String> chosen = new ArrayList<>();
      if (raw instanceof String s) {
        chosen.add(s);
      } else if (raw instanceof Collection<?> many && d.type() == FieldType.MULTI_CHOICE) {
        for (Object o : many) {
          if (!(o instanceof String s)) {
            problems.add(new Violation(name(d.key()), "must be a list of the field's choices"));
            return null;
          }
          chosen.add(s);
        }
      } else {
        problems.add(
            new Violation(
                name(d.key()),
                d.type() == FieldType.CHOICE
                    ? "must be one of the field's choices"
                    : "must be a list of the field's choices"));
        return null;
      }
      if (chosen.isEmpty() || d.type() == FieldType.CHOICE && chosen.size() != 1) {
        problems.add(new Violation(name(d.key()), "must hold at least one choice"));
        return null;
      }
      List<String> kept = held == null ? List.of() : held.heldChoices();
      for (String c : chosen) {
        if (!d.choices().contains(c) && !kept.contains(c)) {
          problems.add(
              new Violation(name(d.key()), "'" + c + "' is not one of the field's choices"));
          return null;
        }
      }
      return d.type() == FieldType.CHOICE
          ? FieldValue.choice(chosen.get(0))
          : FieldValue.choices(chosen);
    }
    return parser.typed(d, d.type(), raw, problems);
  }

  private static String label(FieldDefinition d) {
    return d.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
