package dev.ticketing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link CustomFieldService#define} and {@link CustomFieldService#change}: what a field
 * definition says. A change may not alter the key or the type.
 *
 * @param key 1 to 64 of {@code a-z 0-9 _}, starting with a letter
 * @param label 1 to 200 characters after trimming
 * @param type the values' type
 * @param category the subject id the field applies to; null for every ticket
 * @param required whether new tickets must carry a value
 * @param visibility who sees it (null: {@link FieldVisibility#STAFF})
 * @param choices the choices of a choice field (1 to {@link FieldDefinition#MAX_CHOICES}, each 1 to
 *     {@link FieldDefinition#MAX_CHOICE_LENGTH} characters, once); none for other types
 * @param pattern the regular expression of a {@link FieldType#PATTERN} field; null for other types
 * @since 0.2.0
 */
public record FieldSpec(
    @Nullable String key,
    @Nullable String label,
    @Nullable FieldType type,
    @Nullable String category,
    boolean required,
    @Nullable FieldVisibility visibility,
    @Nullable List<String> choices,
    @Nullable String pattern) {

  public FieldSpec {
    choices = choices == null ? null : Collections.unmodifiableList(new ArrayList<>(choices));
  }

  /** An optional, staff-only, global field of the type. */
  public static FieldSpec of(String key, String label, FieldType type) {
    return new FieldSpec(key, label, type, null, false, FieldVisibility.STAFF, null, null);
  }

  /** The same field with these choices. */
  public FieldSpec withChoices(String... offered) {
    return new FieldSpec(
        key, label, type, category, required, visibility, List.of(offered), pattern);
  }

  /** The same field checked against this regular expression. */
  public FieldSpec withPattern(@Nullable String regex) {
    return new FieldSpec(key, label, type, category, required, visibility, choices, regex);
  }

  /** The same field, required or not. */
  public FieldSpec withRequired(boolean must) {
    return new FieldSpec(key, label, type, category, must, visibility, choices, pattern);
  }

  /** The same field shown to these people. */
  public FieldSpec withVisibility(@Nullable FieldVisibility who) {
    return new FieldSpec(key, label, type, category, required, who, choices, pattern);
  }

  /** The same field limited to tickets of one subject (null: every ticket). */
  public FieldSpec withCategory(@Nullable String subjectId) {
    return new FieldSpec(key, label, type, subjectId, required, visibility, choices, pattern);
  }

  /** The same field with another label. */
  public FieldSpec withLabel(@Nullable String shown) {
    return new FieldSpec(key, shown, type, category, required, visibility, choices, pattern);
  }

  /** The spec a definition was written from, to derive a change. */
  public static FieldSpec of(FieldDefinition d) {
    return new FieldSpec(
        d.key(),
        d.label(),
        d.type(),
        d.category(),
        d.required(),
        d.visibility(),
        d.choices(),
        d.pattern());
  }
}
