package dev.ticketing.internal;

import dev.ticketing.ConflictException;
import dev.ticketing.CustomFieldService;
import dev.ticketing.FieldDefinition;
import dev.ticketing.FieldSpec;
import dev.ticketing.FieldType;
import dev.ticketing.FieldVisibility;
import dev.ticketing.NotFoundException;
import dev.ticketing.SetFieldValues;
import dev.ticketing.TicketView;
import dev.ticketing.Violation;
import dev.ticketing.policy.Actor;
import dev.ticketing.policy.Operation;
import dev.ticketing.spi.SubjectCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The custom fields facade: definitions checked here and appended as versions to the definition
 * store; values set through the ticket service's unit of work.
 */
public final class DefaultCustomFieldService implements CustomFieldService {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final int MAX_LABEL = 200;
  private static final int MAX_PATTERN = 500;

  private final FieldRules rules;
  private final Access access;
  private final SubjectCatalog subjects;
  private final Clock clock;
  private final BiFunction<Actor, SetFieldValues, TicketView> setValues;

  DefaultCustomFieldService(
      FieldRules rules,
      Access access,
      SubjectCatalog subjects,
      Clock clock,
      BiFunction<Actor, SetFieldValues, TicketView> setValues) {
    this.rules = rules;
    this.access = access;
    this.subjects = subjects;
    this.clock = clock;
    this.setValues = setValues;
  }

  @Override
  public FieldDefinition define(Actor actor, FieldSpec spec) {
    access.require(actor, Operation.MANAGE_FIELDS, "custom fields");
    check(spec, null);
    return rules
        .store()
        .inTransaction(
            () -> {
              Map<String, FieldDefinition> current = rules.latest();
              String key = java.util.Objects.requireNonNull(spec.key());
              if (current.containsKey(key)) {
                throw dev.ticketing.ValidationException.of("key", "already names a field");
              }
              long active = current.values().stream().filter(FieldDefinition::active).count();
              if (active >= FieldDefinition.MAX_FIELDS) {
                throw dev.ticketing.ValidationException.of(
                    "key", "would exceed " + FieldDefinition.MAX_FIELDS + " active fields");
              }
              FieldDefinition d = version(actor, spec, true, 1);
              rules.store().append(d);
              return d;
            });
  }

  @Override
  public FieldDefinition change(Actor actor, FieldSpec spec, int expectedVersion) {
    access.require(actor, Operation.MANAGE_FIELDS, "custom fields");
    String key = spec == null ? null : spec.key();
    FieldDefinition before = existing(key);
    check(spec, before);
    return next(actor, FieldSpec.of(before), spec, before.active(), expectedVersion);
  }

  @Override
  public FieldDefinition retire(Actor actor, String key, int expectedVersion) {
    access.require(actor, Operation.MANAGE_FIELDS, "custom fields");
    FieldDefinition before = existing(key);
    return next(actor, FieldSpec.of(before), FieldSpec.of(before), false, expectedVersion);
  }

  private FieldDefinition next(
      Actor actor, FieldSpec was, FieldSpec spec, boolean active, int expectedVersion) {
    String key = java.util.Objects.requireNonNull(was.key());
    return rules
        .store()
        .inTransaction(
            () -> {
              FieldDefinition latest = existing(key);
              if (latest.version() != expectedVersion) {
                throw new ConflictException(key);
              }
              FieldDefinition d = version(actor, spec, active, latest.version() + 1);
              rules.store().append(d);
              return d;
            });
  }

  @Override
  public List<FieldDefinition> definitions(Actor actor, @Nullable String category) {
    return rules.store().current().stream()
        .filter(d -> actor.isStaff() || d.customerVisible() && d.active())
        .filter(d -> category == null || d.appliesTo(category))
        .toList();
  }

  @Override
  public List<FieldDefinition> versions(Actor actor, String key) {
    access.require(actor, Operation.MANAGE_FIELDS, "custom fields");
    List<FieldDefinition> out = rules.store().versions(key == null ? "" : key);
    if (out.isEmpty()) {
      throw new NotFoundException("field", String.valueOf(key));
    }
    return out;
  }

  @Override
  public TicketView setValues(Actor actor, SetFieldValues input) {
    return setValues.apply(actor, input);
  }

  private FieldDefinition existing(@Nullable String key) {
    List<FieldDefinition> versions = key == null ? List.of() : rules.store().versions(key);
    if (versions.isEmpty()) {
      throw new NotFoundException("field", String.valueOf(key));
    }
    return versions.get(versions.size() - 1);
  }

  private FieldDefinition version(Actor actor, FieldSpec spec, boolean active, int version) {
    FieldType type = java.util.Objects.requireNonNull(spec.type());
    boolean choices = type == FieldType.CHOICE || type == FieldType.MULTI_CHOICE;
    return new FieldDefinition(
        java.util.Objects.requireNonNull(spec.key()),
        java.util.Objects.requireNonNull(spec.label()).strip(),
        type,
        spec.category(),
        spec.required(),
        spec.visibility() == null ? FieldVisibility.STAFF : spec.visibility(),
        choices && spec.choices() != null
            ? spec.choices().stream().map(String::strip).toList()
            : List.of(),
        type == FieldType.PATTERN ? spec.pattern() : null,
        active,
        version,
        clock.instant(),
        actor.id());
  }

  /** Every problem of a spec as violations; a change may not alter the type. */
  private void check(@Nullable FieldSpec spec, @Nullable FieldDefinition before) {
    if (spec == null) {
      throw dev.ticketing.ValidationException.of("spec", "is required");
    }
    List<Violation> problems = new ArrayList<>();
    if (spec.key() == null || !KEY.matcher(spec.key()).matches()) {
      problems.add(
          new Violation("key", "must be 1 to 64 of a-z, 0-9 and _, starting with a letter"));
    }
    String label = spec.label() == null ? "" : spec.label().strip();
    if (label.isEmpty()
        || label.length() > MAX_LABEL
        || label.chars().anyMatch(Character::isISOControl)) {
      problems.add(
          new Violation("label", "must be 1 to 200 characters, without control characters"));
    }
    FieldType type = spec.type();
    if (type == null) {
      problems.add(new Violation("type", "is required"));
    } else if (before != null && before.type() != type) {
      problems.add(new Violation("type", "cannot change (was " + before.type() + ")"));
    }
    if (spec.category() != null
        && !subjects.subjects(List.of(spec.category())).containsKey(spec.category())) {
      problems.add(new Violation("category", "is not a known subject"));
    }
    boolean choiceType = type == FieldType.CHOICE || type == FieldType.MULTI_CHOICE;
    List<String> choices = spec.choices() == null ? List.of() : spec.choices();
    if (choiceType) {
      checkChoices(choices, problems);
    } else if (!choices.isEmpty()) {
      problems.add(new Violation("choices", "only choice fields have choices"));
    }
    if (type == FieldType.PATTERN) {
      String regex = spec.pattern();
      if (regex == null || regex.isEmpty() || regex.length() > MAX_PATTERN) {
        problems.add(new Violation("pattern", "must be 1 to " + MAX_PATTERN + " characters"));
      } else if (!FieldValueParser.compiles(regex)) {
        problems.add(new Violation("pattern", "is not a valid regular expression"));
      }
    } else if (spec.pattern() != null) {
      problems.add(new Violation("pattern", "only pattern fields have a pattern"));
    }
    InputValidator.throwIfAny(problems);
  }

  private static void checkChoices(List<String> choices, List<Violation> problems) {
    if (choices.isEmpty() || choices.size() > FieldDefinition.MAX_CHOICES) {
      problems.add(
          new Violation("choices", "must hold 1 to " + FieldDefinition.MAX_CHOICES + " choices"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < choices.size(); i++) {
      String c = choices.get(i) == null ? "" : choices.get(i).strip();
      if (c.isEmpty()
          || c.length() > FieldDefinition.MAX_CHOICE_LENGTH
          || c.chars().anyMatch(Character::isISOControl)) {
        problems.add(
            new Violation(
                "choices[" + i + "]",
                "must be 1 to " + FieldDefinition.MAX_CHOICE_LENGTH + " characters"));
      } else if (!seen.add(c)) {
        problems.add(new Violation("choices[" + i + "]", "is offered twice"));
      }
    }
  }
}
